package dev.caregap.cleaning;

import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.TextKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an age question's cell: a whole number of years, optionally followed by "years", "year", "yrs",
 * "yr" or "y" ("34", "34 years", "34y"), or one of the question's bands ("18-24", "65+", any dash, spaces
 * ignored). Years are placed in the band whose min..max holds them. Built once per question.
 */
final class AgeReader {

    private static final Set<String> YEAR_WORDS = Set.of("", "y", "yr", "yrs", "year", "years");

    private final Question question;
    private final Map<String, Option> bandsByKey = new HashMap<>();

    AgeReader(Question question) {
        this.question = question;
        for (Option band : question.options()) {
            for (String name : band.names()) {
                bandsByKey.putIfAbsent(bandKey(TextKey.of(name)), band);
            }
        }
    }

    AgeReading read(String cell) {
        String plain = cell.strip();
        int number = WholeNumber.parse(plain);
        if (number != WholeNumber.NONE) {
            return years(number);
        }
        String key = TextKey.of(cell);
        Option band = bandsByKey.get(bandKey(key));
        if (band != null) {
            return new AgeReading(question.underMinimumAge(band) ? AgeReading.Kind.UNDER_MINIMUM : AgeReading.Kind.BAND, band.code(), null);
        }
        int numberEnd = WholeNumber.end(key, 0);
        if (numberEnd == 0 || !YEAR_WORDS.contains(key.substring(numberEnd).strip())) {
            return new AgeReading(AgeReading.Kind.UNREADABLE, 0, null);
        }
        return years(WholeNumber.parse(key, 0, numberEnd));
    }

    private AgeReading years(int years) {
        if (question.minimumAge() != null && years < question.minimumAge()) {
            return new AgeReading(AgeReading.Kind.UNDER_MINIMUM, 0, Integer.toString(years));
        }
        if (question.maximumAge() != null && years > question.maximumAge()) {
            return new AgeReading(AgeReading.Kind.OVER_MAXIMUM, 0, null);
        }
        return bandHolding(years, question.options());
    }

    private static AgeReading bandHolding(int years, List<Option> bands) {
        for (Option band : bands) {
            if (band.min() != null && band.max() != null && band.min() <= years && years <= band.max()) {
                return new AgeReading(AgeReading.Kind.YEARS, band.code(), Integer.toString(years));
            }
        }
        return new AgeReading(AgeReading.Kind.UNREADABLE, 0, null);
    }

    /** Bands compared without spaces and with every dash as "-": "18 – 24" is "18-24". */
    private static String bandKey(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ') {
                continue;
            }
            b.append(isDash(c) ? '-' : c);
        }
        return b.toString();
    }

    private static boolean isDash(char c) {
        return (c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\uFE58' || c == '\uFE63';
    }
}
