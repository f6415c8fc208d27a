package dev.caregap.cleaning;

import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.caregap.cleaning.Responses.cell;
import static dev.caregap.cleaning.Responses.clean;
import static dev.caregap.cleaning.Responses.consumer;
import static org.assertj.core.api.Assertions.assertThat;

/** A cleaner fills one answer sheet per thread again for each respondent: nothing of one respondent reaches the next. */
class OneSheetPerThreadTest {

    private static final List<Answer> FULL = List.of(
            new Answer("C_AGE", 2, "34"), Answer.choice("C_CARE", 5), Answer.choice("C_PREF_CHANNELS", 1),
            Answer.choice("C_PREF_CHANNELS", 6), Answer.text("C_COMMENT", "Too many texts"));

    private static Respondent answeringAll() {
        return clean(consumer(cell("C_AGE", "34"), cell("C_CARE", "Strongly agree"),
                cell("C_PREF_CHANNELS", "Email, Mobile app"), cell("C_COMMENT", "Too many texts"))).respondent();
    }

    private static Respondent answeringNothing() {
        return clean(consumer(cell("C_CARE", ""), cell("C_PREF_CHANNELS", ""))).respondent();
    }

    @Test
    void aRespondentWithoutAnswersAfterOneWithAllHasNone() {
        assertThat(answeringAll().answers()).containsExactlyInAnyOrderElementsOf(FULL);
        assertThat(answeringNothing().answers()).isEmpty();
        assertThat(answeringAll().answers()).containsExactlyInAnyOrderElementsOf(FULL);
    }

    @Test
    void threadsCleaningSideBySideKeepTheirRespondentsApart() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> alike = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean full = t % 2 == 0;
                alike.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        List<Answer> answers = (full ? answeringAll() : answeringNothing()).answers();
                        if (full ? !answers.containsAll(FULL) || answers.size() != FULL.size() : !answers.isEmpty()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> thread : alike) {
                assertThat(thread.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
