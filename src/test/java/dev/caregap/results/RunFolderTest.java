package dev.caregap.results;

import dev.caregap.run.ResponseSource;
import dev.caregap.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.caregap.results.RunFixtures.BRANDS_CARE;
import static dev.caregap.results.RunFixtures.CONSUMERS_CARED_FOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderTest {

    @TempDir
    Path root;

    private final RunReport first = RunFixtures.report("run-00001", List.of(BRANDS_CARE));
    private final RunReport second = RunFixtures.report("run-00002", List.of(BRANDS_CARE, CONSUMERS_CARED_FOR));

    @Test
    void latestIsARelativeLinkToTheNewestRun() throws IOException {
        ResultFiles results = new ResultFiles(root);
        results.write(first, RunFixtures.responses(), RunFixtures.issues());
        Path newest = results.write(second, RunFixtures.responses(), RunFixtures.issues());

        Path study = root.resolve("care-gap");
        Path latest = study.resolve("latest");
        assertThat(Files.isSymbolicLink(latest)).isTrue();
        assertThat(Files.readSymbolicLink(latest)).isEqualTo(Path.of("run-00002"));
        assertThat(latest.toRealPath()).isEqualTo(newest.toRealPath());
        assertThat(Files.readString(latest.resolve("figures.csv"))).isEqualTo(Files.readString(newest.resolve("figures.csv")));
        assertThat(Files.readString(study.resolve("LATEST.txt"))).isEqualTo("run-00002\n");
        assertThat(names(study)).containsExactlyInAnyOrder("run-00001", "run-00002", "latest", "LATEST.txt");
    }

    @Test
    void latestIsACopyWhereLinksAreNotSupported() throws IOException {
        ResultFiles results = new ResultFiles(root, new LatestPointer(false));
        results.write(first, RunFixtures.responses(), RunFixtures.issues());
        Path newest = results.write(second, RunFixtures.responses(), RunFixtures.issues());

        Path study = root.resolve("care-gap");
        Path latest = study.resolve("latest");
        assertThat(Files.isSymbolicLink(latest)).isFalse();
        assertThat(Files.isDirectory(latest)).isTrue();
        assertThat(names(latest)).isEqualTo(names(newest));
        assertThat(Files.readString(latest.resolve("figures.csv"))).isEqualTo(Files.readString(newest.resolve("figures.csv")));
        assertThat(Files.readString(study.resolve("LATEST.txt"))).isEqualTo("run-00002\n");
        assertThat(names(study)).containsExactlyInAnyOrder("run-00001", "run-00002", "latest", "LATEST.txt");
    }

    @Test
    void aLinkReplacesACopyLeftFromBefore() throws IOException {
        new ResultFiles(root, new LatestPointer(false)).write(first, RunFixtures.responses(), RunFixtures.issues());
        new ResultFiles(root).write(second, RunFixtures.responses(), RunFixtures.issues());

        Path latest = root.resolve("care-gap").resolve("latest");
        assertThat(Files.readSymbolicLink(latest)).isEqualTo(Path.of("run-00002"));
        assertThat(Files.exists(root.resolve("care-gap").resolve("run-00001").resolve("figures.csv"))).isTrue();
    }

    @Test
    void aFailedRunLeavesNoPartialFolderAndTheLatestRunInPlace() throws IOException {
        ResultFiles results = new ResultFiles(root);
        results.write(first, RunFixtures.responses(), RunFixtures.issues());
        ResponseSource failing = consumer -> {
            consumer.accept("consumers.csv", RunFixtures.CONSUMER);
            throw new IllegalStateException("store went away");
        };

        assertThatThrownBy(() -> results.write(second, failing, RunFixtures.issues())).hasMessage("store went away");

        Path study = root.resolve("care-gap");
        assertThat(names(study)).containsExactlyInAnyOrder("run-00001", "latest", "LATEST.txt");
        assertThat(Files.readSymbolicLink(study.resolve("latest"))).isEqualTo(Path.of("run-00001"));
        assertThat(Files.readString(study.resolve("LATEST.txt"))).isEqualTo("run-00001\n");
    }

    @Test
    void aRunDeliveredAfterANewerOneLeavesLatestOnTheNewer() throws IOException {
        ResultFiles results = new ResultFiles(root);
        results.write(second, RunFixtures.responses(), RunFixtures.issues());
        results.write(first, RunFixtures.responses(), RunFixtures.issues());

        Path study = root.resolve("care-gap");
        assertThat(names(study)).contains("run-00001", "run-00002");
        assertThat(Files.readSymbolicLink(study.resolve("latest"))).isEqualTo(Path.of("run-00002"));
        assertThat(Files.readString(study.resolve("LATEST.txt"))).isEqualTo("run-00002\n");
        assertThat(LatestPointer.newerThan("run-99999", "run-100000")).as("numbered, not alphabetical").isFalse();
    }

    @Test
    void writingARunAgainReplacesItsFiles() throws IOException {
        ResultFiles results = new ResultFiles(root);
        results.write(first, RunFixtures.responses(), RunFixtures.issues());
        Path again = results.write(RunFixtures.report("run-00001", List.of(BRANDS_CARE, CONSUMERS_CARED_FOR)),
                consumer -> { }, consumer -> { });

        assertThat(Files.readAllLines(again.resolve("figures.csv"))).hasSize(3);
        assertThat(Files.readAllLines(again.resolve("responses.csv"))).hasSize(1);
        assertThat(names(root.resolve("care-gap"))).containsExactlyInAnyOrder("run-00001", "latest", "LATEST.txt");
    }

    @Test
    void aRunNameMustBeAPlainFolderName() {
        ResultFiles results = new ResultFiles(root);
        for (String name : List.of("../run-1", "runs/run-1", "latest", "LATEST.txt", "run-1.partial", "")) {
            assertThatThrownBy(() -> results.write(RunFixtures.report(name), RunFixtures.responses(), RunFixtures.issues()))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.exists(root.resolve("care-gap"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
