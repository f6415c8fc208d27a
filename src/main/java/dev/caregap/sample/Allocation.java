package dev.caregap.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Deals answers out to respondents so that each option is given exactly its count, in an order shuffled
 * with a fixed seed: the totals are constructed, not hoped for, and the mix across files and groups
 * still looks like a survey's.
 */
final class Allocation {

    private final Random random;

    Allocation(long seed) {
        this.random = new Random(seed);
    }

    /** One answer per respondent, option by option exactly {@code counts} times, shuffled. */
    List<String> spread(Map<String, Integer> counts) {
        List<String> answers = new ArrayList<>();
        counts.forEach((option, count) -> answers.addAll(Collections.nCopies(count, option)));
        Collections.shuffle(answers, random);
        return answers;
    }

    /**
     * For {@code respondents} respondents, the options each chose of a multi-select: every option chosen by
     * exactly its count, every respondent choosing at least one. Choices are listed in the options' order.
     */
    List<List<String>> cover(int respondents, Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (total < respondents || counts.values().stream().anyMatch(c -> c > respondents)) {
            throw new IllegalArgumentException("Counts " + counts + " cannot cover " + respondents + " respondents");
        }
        List<Set<String>> chosen = new ArrayList<>();
        for (int i = 0; i < respondents; i++) {
            chosen.add(new HashSet<>());
        }
        Map<String, Integer> left = new LinkedHashMap<>(counts);
        // Everyone first gets the option with the most left over, so nobody is left without an answer.
        for (int respondent : shuffledIndices(respondents)) {
            String most = left.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            chosen.get(respondent).add(most);
            left.merge(most, -1, Integer::sum);
        }
        // Then each option goes to randomly drawn respondents who do not have it yet.
        left.forEach((option, count) -> {
            int given = 0;
            for (int respondent : shuffledIndices(respondents)) {
                if (given == count) {
                    break;
                }
                if (chosen.get(respondent).add(option)) {
                    given++;
                }
            }
        });
        List<List<String>> inOptionOrder = new ArrayList<>();
        for (Set<String> set : chosen) {
            inOptionOrder.add(counts.keySet().stream().filter(set::contains).toList());
        }
        return inOptionOrder;
    }

    /** A whole number from {@code low} to {@code high}, both included. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    private List<Integer> shuffledIndices(int size) {
        List<Integer> indices = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            indices.add(i);
        }
        Collections.shuffle(indices, random);
        return indices;
    }
}
