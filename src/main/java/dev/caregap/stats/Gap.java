package dev.caregap.stats;

/**
 * The difference of two independent shares (minuend minus subtrahend), with Newcombe's hybrid score
 * interval and the pooled two-proportion z-test. Weighted shares enter with their effective bases.
 */
public record Gap(Share minuend, Share subtrahend) {

    /** The difference of the unrounded shares, as a proportion; NaN when either base is empty. */
    public double difference() {
        return minuend.value() - subtrahend.value();
    }

    /**
     * Newcombe's hybrid score interval (method 10 of Newcombe 1998) at 95%, built from the two Wilson
     * intervals; {@link Interval#NONE} when either base is empty.
     */
    public Interval newcombe() {
        if (minuend.isEmpty() || subtrahend.isEmpty()) {
            return Interval.NONE;
        }
        double p1 = minuend.value();
        double p2 = subtrahend.value();
        Interval w1 = minuend.wilson();
        Interval w2 = subtrahend.wilson();
        double d = p1 - p2;
        double low = d - Math.sqrt(square(p1 - w1.low()) + square(w2.high() - p2));
        double high = d + Math.sqrt(square(w1.high() - p1) + square(p2 - w2.low()));
        return new Interval(low, high);
    }

    /**
     * Pooled two-proportion z-test, two-sided. The pooled share is (p1 n1 + p2 n2) / (n1 + n2).
     * No test ({@link ZTest#NONE}) when either base is empty, or when both shares are 0 or both 1
     * (no variance: z would be 0/0).
     */
    public ZTest zTest() {
        if (minuend.isEmpty() || subtrahend.isEmpty()) {
            return ZTest.NONE;
        }
        double n1 = minuend.effectiveBase();
        double n2 = subtrahend.effectiveBase();
        double pooled = (minuend.value() * n1 + subtrahend.value() * n2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
        if (!(variance > 0)) {
            return ZTest.NONE;
        }
        double z = difference() / Math.sqrt(variance);
        return new ZTest(z, Normal.twoSidedP(z));
    }

    private static double square(double x) {
        return x * x;
    }
}
