package dev.caregap.report;

import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StudyNamesTest {

    @Test
    void theCareGapStudyIsCalledCareGapInShort() {
        assertThat(StudyNames.shortTitle(SampleRun.CARE_GAP)).isEqualTo("Care Gap");
        assertThat(StudyNames.title(SampleRun.CARE_GAP)).isEqualTo("The Care Gap study");
    }

    @Test
    void aSideOfAGapIsTheFirstWordOfItsLabelInLowerCase() {
        assertThat(StudyNames.side(spec("Brands that believe they care for their customers"))).isEqualTo("brands");
        assertThat(StudyNames.side(spec("Consumers who feel cared for"))).isEqualTo("consumers");
        assertThat(StudyNames.side(spec("UK shoppers who agree"))).as("an abbreviation keeps its capitals").isEqualTo("UK");
    }

    @Test
    void sentenceCaseLeavesNamesInCapitalsAlone() {
        assertThat(StudyNames.sentenceCase("The care gap")).isEqualTo("the care gap");
        assertThat(StudyNames.sentenceCase("SMS users")).isEqualTo("SMS users");
    }

    private static FigureSpec spec(String label) {
        return new FigureSpec("x", label, Measure.TOP2, List.of("Q"), null, null, null, false, true);
    }
}
