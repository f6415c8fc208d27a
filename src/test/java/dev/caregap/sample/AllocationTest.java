package dev.caregap.sample;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationTest {

    @Test
    void spreadGivesEachOptionExactlyItsCount() {
        List<String> answers = new Allocation(1).spread(Map.of("Yes", 7, "No", 3));
        assertThat(answers).hasSize(10);
        assertThat(Collections.frequency(answers, "Yes")).isEqualTo(7);
    }

    @Test
    void coverChoosesEachOptionItsCountAndLeavesNobodyOut() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("A", 6);
        counts.put("B", 4);
        counts.put("C", 2);
        List<List<String>> chosen = new Allocation(3).cover(9, counts);
        assertThat(chosen).hasSize(9).allSatisfy(c -> assertThat(c).isNotEmpty().doesNotHaveDuplicates());
        counts.forEach((option, count) ->
                assertThat(chosen.stream().filter(c -> c.contains(option)).count()).isEqualTo(count.longValue()));
    }

    @Test
    void refusesCountsThatCannotCoverEveryone() {
        assertThatThrownBy(() -> new Allocation(1).cover(5, Map.of("A", 2, "B", 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
