package lab.inception.coordinator.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Pareto dominance, non-domination ranks and hypervolume over losses (lower is better). Pure. */
public final class Pareto {

  private Pareto() {}

  /** Whether a is at most b everywhere and below it somewhere. */
  public static boolean dominates(double[] a, double[] b) {
    boolean less = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) return false;
      if (a[i] < b[i]) less = true;
    }
    return less;
  }

  /**
   * Non-domination ranks (0: the front), computed front by front until at least {@code needed}
   * points are ranked; the rest get {@link Integer#MAX_VALUE}.
   */
  public static int[] ranks(double[][] losses, int needed) {
    int n = losses.length;
    int[] rank = new int[n];
    Arrays.fill(rank, Integer.MAX_VALUE);
    List<Integer> left = new ArrayList<>();
    for (int i = 0; i < n; i++) left.add(i);
    int ranked = 0;
    for (int r = 0; !left.isEmpty() && ranked < needed; r++) {
      List<Integer> front = front(losses, left);
      for (int i : front) rank[i] = r;
      ranked += front.size();
      left.removeAll(new java.util.HashSet<>(front));
    }
    return rank;
  }

  /** The indices (of {@code among}) no other of them dominates. */
  public static List<Integer> front(double[][] losses, List<Integer> among) {
    List<Integer> out = new ArrayList<>();
    if (!among.isEmpty() && losses[among.get(0)].length == 2) {
      List<Integer> s = new ArrayList<>(among);
      s.sort(
          Comparator.<Integer>comparingDouble(i -> losses[i][0])
              .thenComparingDouble(i -> losses[i][1]));
      double best = Double.POSITIVE_INFINITY, bestX = Double.NaN;
      for (int i : s) {
        double x = losses[i][0], y = losses[i][1];
        if (y < best || (y == best && x == bestX)) {
          out.add(i);
          if (y < best) {
            best = y;
            bestX = x;
          }
        }
      }
      out.sort(null);
      return out;
    }
    for (int i : among) {
      boolean dominated = false;
      for (int j : among) {
        if (j != i && dominates(losses[j], losses[i])) {
          dominated = true;
          break;
        }
      }
      if (!dominated) out.add(i);
    }
    return out;
  }

  /** The hypervolume the points dominate up to the reference point (points beyond it add none). */
  public static double hypervolume(List<double[]> points, double[] ref) {
    List<double[]> in = new ArrayList<>();
    for (double[] p : points) {
      boolean inside = true;
      for (int i = 0; i < ref.length; i++) inside &= p[i] < ref[i];
      if (inside) in.add(p);
    }
    return hv(in, ref, ref.length);
  }

  /** Hypervolume over the first m coordinates, by slicing along the last (HSO). */
  private static double hv(List<double[]> pts, double[] ref, int m) {
    if (pts.isEmpty()) return 0;
    if (m == 1) {
      double min = Double.POSITIVE_INFINITY;
      for (double[] p : pts) min = Math.min(min, p[0]);
      return ref[0] - min;
    }
    List<double[]> s = new ArrayList<>(pts);
    s.sort(Comparator.comparingDouble(p -> p[m - 1]));
    if (m == 2) {
      double vol = 0, bestX = ref[0];
      for (int i = 0; i < s.size(); i++) {
        bestX = Math.min(bestX, s.get(i)[0]);
        double next = i + 1 < s.size() ? s.get(i + 1)[1] : ref[1];
        vol += (bestX < ref[0] ? ref[0] - bestX : 0) * (next - s.get(i)[1]);
      }
      return vol;
    }
    double vol = 0;
    for (int i = 0; i < s.size(); i++) {
      double next = i + 1 < s.size() ? s.get(i + 1)[m - 1] : ref[m - 1];
      double h = next - s.get(i)[m - 1];
      if (h > 0) vol += h * hv(s.subList(0, i + 1), ref, m - 1);
    }
    return vol;
  }
}
