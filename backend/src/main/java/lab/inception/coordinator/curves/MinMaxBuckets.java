package lab.inception.coordinator.curves;

import java.util.Arrays;

/**
 * Min/max downsampling of one curve, a pure function: a curve of more than {@code 2·buckets} points
 * is cut into {@code buckets} ranges of equal step width over its own first to last step, and of
 * each range only the points with the smallest and the largest value are kept (the first of equal
 * ones), in step order. A shorter curve is kept whole. So a line drawn through what is kept reaches
 * every extreme the full curve reaches, one pixel column per bucket.
 */
public final class MinMaxBuckets {

  private MinMaxBuckets() {}

  /**
   * The indices of the points to keep, ascending.
   *
   * @param steps the steps, ascending (only the first {@code n} are read)
   * @param values the values at those steps, finite
   * @param n how many points there are
   * @param buckets how many ranges, at least 1
   */
  public static int[] keep(long[] steps, double[] values, int n, int buckets) {
    if (buckets < 1) throw new IllegalArgumentException("buckets must be at least 1");
    if (n <= 2L * buckets) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) all[i] = i;
      return all;
    }
    long lo = steps[0];
    long span = steps[n - 1] - lo + 1;
    int[] out = new int[2 * buckets];
    int kept = 0;
    int bucket = -1;
    int min = -1;
    int max = -1;
    for (int i = 0; i < n; i++) {
      int b = bucketOf(steps[i] - lo, span, buckets);
      if (b != bucket) {
        kept = emit(out, kept, min, max);
        bucket = b;
        min = i;
        max = i;
      } else {
        if (values[i] < values[min]) min = i;
        if (values[i] > values[max]) max = i;
      }
    }
    kept = emit(out, kept, min, max);
    return Arrays.copyOf(out, kept);
  }

  /** The bucket of a point {@code offset} steps after the curve's first, of {@code span} steps. */
  public static int bucketOf(long offset, long span, int buckets) {
    // offset < span ≤ 2^63 / buckets for every step a trial writes; multiplyHigh guards the rest
    if (Math.multiplyHigh(offset, buckets) == 0 && offset * buckets >= 0)
      return (int) (offset * buckets / span);
    return (int) Math.min(buckets - 1, (long) ((double) offset / span * buckets));
  }

  private static int emit(int[] out, int kept, int min, int max) {
    if (min < 0) return kept;
    out[kept++] = Math.min(min, max);
    if (min != max) out[kept++] = Math.max(min, max);
    return kept;
  }
}
