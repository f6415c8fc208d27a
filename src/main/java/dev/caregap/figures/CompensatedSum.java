package dev.caregap.figures;

/**
 * A sum of doubles that keeps the rounding error of each addition (Neumaier's compensated summation), so
 * weight sums added up export by export, and duplicates taken off again, agree with one straight count to
 * the last digits instead of drifting with the number of terms.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    void plus(CompensatedSum other) {
        add(other.sum);
        add(other.compensation);
    }

    void minus(CompensatedSum other) {
        add(-other.sum);
        add(-other.compensation);
    }

    CompensatedSum copy() {
        CompensatedSum copy = new CompensatedSum();
        copy.sum = sum;
        copy.compensation = compensation;
        return copy;
    }

    /** Back to exactly nothing: what is left of a sum whose every term was taken off again. */
    void clear() {
        sum = 0;
        compensation = 0;
    }

    double value() {
        return sum + compensation;
    }

    void write(StringBuilder out) {
        FigureTallies.writeNumber(sum, out);
        out.append(' ');
        FigureTallies.writeNumber(compensation, out);
    }

    void read(FigureTallies.Reader in) {
        sum = in.nextDouble();
        compensation = in.nextDouble();
    }
}
