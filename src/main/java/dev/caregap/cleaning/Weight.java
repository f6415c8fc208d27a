package dev.caregap.cleaning;

/**
 * Reads a respondent's weight. No weight column: 1. A positive plain decimal (a decimal comma is read as a
 * point, "1,5" = 1.5): that weight. Empty, unreadable, zero or negative: 1, with an issue, so that the
 * respondent still counts as an ordinary respondent instead of vanishing from weighted shares.
 */
final class Weight {

    static final String COLUMN = "weight";
    static final double NONE = 1.0;

    private Weight() {
    }

    static double read(String cell, IssueLog issues) {
        if (cell == null) {
            return NONE;
        }
        if (cell.isBlank()) {
            issues.add(COLUMN, null, cell, "no weight: counted as 1");
            return NONE;
        }
        double weight = DecimalNumber.parse(cell);
        if (Double.isNaN(weight) || Double.isInfinite(weight)) {
            issues.add(COLUMN, null, cell, "weight not readable: counted as 1");
            return NONE;
        }
        if (weight <= 0) {
            issues.add(COLUMN, null, cell, "weight not positive: counted as 1");
            return NONE;
        }
        return weight;
    }
}
