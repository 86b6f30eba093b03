package lab.inception.coordinator.curves;

/**
 * One trial's curve of one metric as the curves endpoint sends it: columnar, in step order.
 *
 * @param trial the trial's id
 * @param steps the kept points' steps
 * @param values their values (finite)
 * @param count how many finite points were read (above {@code since}) before downsampling
 * @param downsampled whether {@link MinMaxBuckets} dropped points
 * @param lastStep the highest step stored for the metric, or null when none is
 */
public record Curve(
    String trial, long[] steps, double[] values, int count, boolean downsampled, Long lastStep) {}
