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
    String trial, long[] steps, double[] values, int count, boolean downsampled, Long lastStep) {

  /**
   * A curve is one read's answer, equal only to itself: its arrays would be compared by reference
   * anyway, and the endpoint looks curves up by instance (each encoded once), 10,000 at a time.
   */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
