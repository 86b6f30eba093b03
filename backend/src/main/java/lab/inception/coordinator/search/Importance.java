package lab.inception.coordinator.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Parameter importance by fANOVA (Hutter, Hoos and Leyton-Brown, "An Efficient Approach for
 * Assessing Hyperparameter Importance", ICML 2014), Optuna's default evaluator: a random forest of
 * 64 trees is fitted to the completed trials' objective over the searched parameters' internal
 * coordinates (a category's index, a log-scale value's logarithm); in each tree, the variance of a
 * parameter's marginal (the tree's prediction averaged over every other parameter, uniformly over
 * the search space) is divided by the tree's total variance; the shares are averaged over the trees
 * and normalised to sum to 1. Marginals are computed exactly from the trees' boxes by a sweep over
 * each parameter's split points, so the cost grows as trees × leaves × log(leaves).
 */
public final class Importance {

  /** One parameter's share of the objective's variance. */
  public record Entry(String name, double importance) {}

  static final int TREES = 64;
  static final int MAX_DEPTH = 64;

  /** At most this many trials (the newest) are fitted. */
  public static final int MAX_TRIALS = 2000;

  private Importance() {}

  /**
   * The importance of each dimension for the first objective of the completed observations, most
   * important first; empty with fewer than two completed trials or no dimension.
   */
  public static List<Entry> fanova(SearchSpace space, List<Observation> history, long seed) {
    List<Dimension> dims = space.dimensions();
    List<Observation> done = new ArrayList<>();
    for (Observation o : history) {
      if (o.status() == Observation.Status.COMPLETE && Double.isFinite(o.loss()[0])) done.add(o);
    }
    if (done.size() > MAX_TRIALS) done = done.subList(done.size() - MAX_TRIALS, done.size());
    if (dims.isEmpty() || done.size() < 2) return List.of();
    double[][] x = new double[done.size()][dims.size()];
    double[] y = new double[done.size()];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < dims.size(); j++) {
        double v = dims.get(j).internal(done.get(i).config().get(dims.get(j).name()));
        x[i][j] = Double.isNaN(v) ? dims.get(j).low() : v;
      }
      y[i] = done.get(i).loss()[0];
    }
    double[] lo = new double[dims.size()], hi = new double[dims.size()];
    for (int j = 0; j < dims.size(); j++) {
      lo[j] = dims.get(j).low();
      hi[j] = dims.get(j).high();
    }
    double[] share = new double[dims.size()];
    int counted = 0;
    for (RandomForest.Tree t : RandomForest.fit(x, y, TREES, MAX_DEPTH, seed)) {
      double[] s = mainEffects(t, lo, hi);
      if (s == null) continue;
      for (int j = 0; j < s.length; j++) share[j] += s[j];
      counted++;
    }
    double sum = Arrays.stream(share).sum();
    List<Entry> out = new ArrayList<>();
    for (int j = 0; j < dims.size(); j++) {
      out.add(new Entry(dims.get(j).name(), counted == 0 || sum <= 0 ? 0.0 : share[j] / sum));
    }
    out.sort(Comparator.comparingDouble(Entry::importance).reversed());
    return out;
  }

  private record Leaf(double[] lo, double[] hi, double value, double volume) {}

  /** Each dimension's main-effect variance over the tree's total variance; null when constant. */
  static double[] mainEffects(RandomForest.Tree t, double[] lo, double[] hi) {
    List<Leaf> leaves = new ArrayList<>();
    collect(t, 0, lo.clone(), hi.clone(), lo, hi, leaves);
    double mean = 0;
    for (Leaf l : leaves) mean += l.volume * l.value;
    double total = 0;
    for (Leaf l : leaves) total += l.volume * (l.value - mean) * (l.value - mean);
    if (total <= 1e-300) return null;
    double[] out = new double[lo.length];
    for (int d = 0; d < lo.length; d++)
      out[d] = marginalVariance(leaves, d, lo[d], hi[d], mean) / total;
    return out;
  }

  private static void collect(
      RandomForest.Tree t,
      int node,
      double[] boxLo,
      double[] boxHi,
      double[] lo,
      double[] hi,
      List<Leaf> out) {
    int f = t.feature()[node];
    if (f < 0) {
      double vol = 1;
      for (int d = 0; d < lo.length; d++) vol *= (boxHi[d] - boxLo[d]) / (hi[d] - lo[d]);
      if (vol > 0) out.add(new Leaf(boxLo.clone(), boxHi.clone(), t.value()[node], vol));
      return;
    }
    double th = Math.max(boxLo[f], Math.min(boxHi[f], t.threshold()[node]));
    double saved = boxHi[f];
    boxHi[f] = th;
    collect(t, t.left()[node], boxLo, boxHi, lo, hi, out);
    boxHi[f] = saved;
    saved = boxLo[f];
    boxLo[f] = th;
    collect(t, t.right()[node], boxLo, boxHi, lo, hi, out);
    boxLo[f] = saved;
  }

  /**
   * The variance over dimension d of the marginal f_d(x) = Σ over leaves containing x of value ·
   * (the leaf's volume outside d): a sweep over the leaves' edges on d.
   */
  private static double marginalVariance(
      List<Leaf> leaves, int d, double lo, double hi, double mean) {
    int n = leaves.size();
    double[][] events = new double[2 * n][];
    for (int i = 0; i < n; i++) {
      Leaf l = leaves.get(i);
      double other = l.volume / ((l.hi[d] - l.lo[d]) / (hi - lo));
      events[2 * i] = new double[] {l.lo[d], l.value * other};
      events[2 * i + 1] = new double[] {l.hi[d], -l.value * other};
    }
    Arrays.sort(events, Comparator.comparingDouble(e -> e[0]));
    double var = 0, level = 0;
    for (int i = 0; i < events.length; i++) {
      level += events[i][1];
      double next = i + 1 < events.length ? events[i + 1][0] : hi;
      double len = next - events[i][0];
      if (len > 0) var += len / (hi - lo) * (level - mean) * (level - mean);
    }
    return var;
  }
}
