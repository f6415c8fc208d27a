package dev.caregap.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineKillReportedTest {

    @Test
    void theLastWholeCommitLineIsWhatWasReported() {
        EngineKill.Reported reported = EngineKill.Reported.of("ready\ncommitted 2000 2001\ncommitted 4000 4001\ncommitted 60");
        assertThat(reported).isEqualTo(new EngineKill.Reported(4000, 4001, false));
    }

    @Test
    void aLoadThatEndedSaysSo() {
        assertThat(EngineKill.Reported.of("ready\ncommitted 10 11\nfinished\n")).isEqualTo(new EngineKill.Reported(10, 11, true));
    }

    @Test
    void nothingPrintedIsNothingReported() {
        assertThat(EngineKill.Reported.of("")).isEqualTo(new EngineKill.Reported(0, 0, false));
    }
}
