package dev.caregap.bench;

import dev.caregap.read.ExportReader;
import dev.caregap.study.StudyDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnalysisAloneTest {

    private static final ExportReader READER = new ExportReader(StudyDefinitions.readFolder(Path.of("studies")));

    @TempDir
    Path dir;

    @Test
    void countsEveryResponseOfAnExportLongerThanAChunkAndSaysHowManyRepeatAnEarlierId() throws Exception {
        AnalysisAlone.Result result = AnalysisAlone.of(READER, consumers());

        assertThat(result.parts()).isEqualTo(1);
        assertKnownCounts(result);
    }

    @Test
    void readInThreePartsSideBySideCountsEveryResponseOnceAndFindsTheRepeatAcrossParts() throws Exception {
        // parts of at least 10 KB: the 60 KB file is cut in three, the repeated id (rows 6 and 2,102) in different parts
        AnalysisAlone.Result result = AnalysisAlone.of(READER, consumers(), 3, 10_000);

        assertThat(result.parts()).isEqualTo(3);
        assertKnownCounts(result);
    }

    @Test
    void saysHowMuchCpuItsOwnThreadsTookWithinWhatTheirWallTimeAllows() throws Exception {
        AnalysisAlone.Result result = AnalysisAlone.of(READER, consumers(), 3, 10_000);

        AnalysisAlone.CpuUse cpu = result.cpu();
        double slack = 0.05;  // thread CPU clocks tick in steps of a few milliseconds
        assertThat(cpu.partSeconds()).isPositive().isLessThanOrEqualTo(result.seconds() * result.parts() + slack);
        assertThat(cpu.identitySeconds()).isPositive().isLessThanOrEqualTo(result.seconds() + slack);
        assertThat(cpu.compilerSeconds()).isNotNegative();
        assertThat(cpu.collectorSeconds()).isNotNegative().isLessThanOrEqualTo(result.seconds() + slack);
    }

    private static void assertKnownCounts(AnalysisAlone.Result result) {
        assertThat(result.rows()).isEqualTo(2_101);
        assertThat(result.included()).isEqualTo(2_101);
        assertThat(result.repeated()).isEqualTo(1);
        assertThat(result.headline().base()).isEqualTo(2_101);
        assertThat(result.headline().count()).isEqualTo(525);
        assertThat(result.headline().share()).isCloseTo(525 / 2_101.0, within(1e-12));
    }

    private Path consumers() throws java.io.IOException {
        // 2,101 consumers, one more than a chunk for the sorting thread and a part of one: every fourth agrees, the
        // others disagree, and the last repeats the id of the fifth (counted as well, and reported)
        StringBuilder csv = new StringBuilder("respondent_id,C_COUNTRY,C_CARE\n");
        int agree = 0;
        for (int i = 1; i <= 2_101; i++) {
            boolean agrees = i % 4 == 0;
            agree += agrees ? 1 : 0;
            csv.append(i == 2_101 ? "R5" : "R" + i).append(",United Kingdom,").append(agrees ? "Agree" : "Disagree").append('\n');
        }
        assertThat(agree).isEqualTo(525);
        return Files.writeString(dir.resolve("consumers.csv"), csv);
    }
}
