package dev.caregap.figures;

import dev.caregap.study.Breakdown;
import dev.caregap.study.Measure;

/**
 * One computed figure for one group of respondents.
 *
 * @param figure        the study's figure id, e.g. {@code brands_believe_care}
 * @param label         the figure's label
 * @param measure       what was counted
 * @param question      the question counted; null for a gap
 * @param answer        what was counted as "yes": "Top-2" or the option text; null for a gap
 * @param breakdown     "total", or the breakdown id (country, age_band, ...)
 * @param group         "All" for the total, else the breakdown group (the option text, e.g. "United States")
 * @param count         respondents in the base who gave the answer (unweighted); 0 for a gap
 * @param base          respondents of the segment with a valid answer (unweighted); 0 for a gap
 * @param share         weighted share as a proportion 0..1; for a gap, the difference of the two unrounded shares
 * @param low           lower end of the 95% interval (Wilson for a share, Newcombe hybrid score for a gap)
 * @param high          upper end of the 95% interval
 * @param effectiveBase Kish effective base (equals base when unweighted); for a gap, NaN
 * @param z             for a gap, the pooled two-proportion z statistic; else null
 * @param p             for a gap, its two-sided p-value; else null
 * @param lowBase       base under 30 (for a gap: either side's)
 * @param rank          1-based rank within a ranked figure (highest share first); else null
 */
public record Figure(String figure, String label, Measure measure, String question, String answer,
                     String breakdown, String group, long count, long base, double share, double low,
                     double high, double effectiveBase, Double z, Double p, boolean lowBase, Integer rank) {

    public static final String TOTAL = Breakdown.TOTAL;
    public static final String ALL = "All";
    public static final String TOP2 = "Top-2";

    public boolean isTotal() {
        return TOTAL.equals(breakdown);
    }
}
