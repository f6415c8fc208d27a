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
        deliver(results, first, RunFixtures.responses());
        Path newest = deliver(results, second, RunFixtures.responses());

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
        deliver(results, first, RunFixtures.responses());
        Path newest = deliver(results, second, RunFixtures.responses());

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
        deliver(new ResultFiles(root, new LatestPointer(false)), first, RunFixtures.responses());
        deliver(new ResultFiles(root), second, RunFixtures.responses());

        Path latest = root.resolve("care-gap").resolve("latest");
        assertThat(Files.readSymbolicLink(latest)).isEqualTo(Path.of("run-00002"));
        assertThat(Files.exists(root.resolve("care-gap").resolve("run-00001").resolve("figures.csv"))).isTrue();
    }

    @Test
    void aFailedRunLeavesNoPartialFolderAndTheLatestRunInPlace() throws IOException {
        ResultFiles results = new ResultFiles(root);
        deliver(results, first, RunFixtures.responses());
        ResponseSource failing = consumer -> {
            consumer.accept("consumers.csv", RunFixtures.CONSUMER);
            throw new IllegalStateException("store went away");
        };

        assertThatThrownBy(() -> deliver(results, second, failing)).hasMessage("store went away");

        Path study = root.resolve("care-gap");
        assertThat(names(study)).containsExactlyInAnyOrder("run-00001", "latest", "LATEST.txt");
        assertThat(Files.readSymbolicLink(study.resolve("latest"))).isEqualTo(Path.of("run-00001"));
        assertThat(Files.readString(study.resolve("LATEST.txt"))).isEqualTo("run-00001\n");
    }

    @Test
    void aRunDeliveredAfterANewerOneLeavesLatestOnTheNewer() throws IOException {
        ResultFiles results = new ResultFiles(root);
        deliver(results, second, RunFixtures.responses());
        deliver(results, first, RunFixtures.responses());

        Path study = root.resolve("care-gap");
        assertThat(names(study)).contains("run-00001", "run-00002");
        assertThat(Files.readSymbolicLink(study.resolve("latest"))).isEqualTo(Path.of("run-00002"));
        assertThat(Files.readString(study.resolve("LATEST.txt"))).isEqualTo("run-00002\n");
        assertThat(LatestPointer.newerThan("run-99999", "run-100000")).as("numbered, not alphabetical").isFalse();
    }

    @Test
    void writingARunAgainReplacesItsFiles() throws IOException {
        ResultFiles results = new ResultFiles(root);
        deliver(results, first, RunFixtures.responses());
        Path again = deliver(results, RunFixtures.report("run-00001", List.of(BRANDS_CARE, CONSUMERS_CARED_FOR)), consumer -> { });

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

    @Test
    void pruningKeepsTheNewestRunsAndTheOneLatestNames() throws IOException {
        ResultFiles results = new ResultFiles(root);
        for (int run = 1; run <= 5; run++) {
            results.write(RunFixtures.report("run-%05d".formatted(run)), RunFixtures.responses(), RunFixtures.issues());
        }
        results.pointLatest("care-gap", "run-00002");
        Files.createDirectories(root.resolve("care-gap").resolve("run-00009.partial"));

        results.prune("care-gap", 2);

        assertThat(names(root.resolve("care-gap"))).containsExactlyInAnyOrder(
                "run-00002", "run-00004", "run-00005", "run-00009.partial", "latest", "LATEST.txt");
    }

    /** What a run's delivery does with its result files: writes them, then points latest at them. */
    private static Path deliver(ResultFiles results, RunReport report, ResponseSource responses) {
        Path folder = results.write(report, responses, RunFixtures.issues());
        results.pointLatest("care-gap", report.name());
        return folder;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
