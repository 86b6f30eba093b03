package lab.inception.coordinator.search;

/**
 * A stable ascending order of doubles, as positions: a least-significant-digit radix sort on the
 * numbers' bits (order-preserving), six passes of 11 bits, so a Parzen estimator's bandwidths for
 * 10,000 observations cost a few passes over flat arrays, not a comparator sort of boxed indices.
 */
final class Order {

  private Order() {}

  private static final int BITS = 11;
  private static final int RADIX = 1 << BITS;
  private static final int SMALL = 64;

  /** A number's sort key: unsigned order of keys is numeric order (−0 and 0 one, NaN last). */
  static long key(double v) {
    long b = Double.doubleToRawLongBits(v == 0 ? 0.0 : v);
    return b ^ ((b >> 63) | Long.MIN_VALUE); // negatives reversed, all under positives
  }

  /** The positions of v[0..n) in ascending order of value, equal values in position order. */
  static int[] ascending(double[] v, int n) {
    long[] key = new long[n];
    for (int i = 0; i < n; i++) key[i] = key(v[i]);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    if (n < SMALL) {
      for (int i = 1; i < n; i++) { // insertion sort: stable
        int x = order[i], j = i - 1;
        while (j >= 0 && Long.compareUnsigned(key[order[j]], key[x]) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
      }
      return order;
    }
    int[] next = new int[n], count = new int[RADIX];
    for (int shift = 0; shift < 64; shift += BITS) {
      java.util.Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) count[(int) (key[i] >>> shift) & (RADIX - 1)]++;
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int p = order[i];
        next[count[(int) (key[p] >>> shift) & (RADIX - 1)]++] = p;
      }
      int[] t = order;
      order = next;
      next = t;
    }
    return order;
  }
}
