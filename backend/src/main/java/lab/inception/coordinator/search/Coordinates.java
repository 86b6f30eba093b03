package lab.inception.coordinator.search;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trials' configurations in the internal coordinates of a space's dimensions (NaN where a value is
 * absent or not one of the dimension's), with each one's model, read from a configuration's map
 * once and remembered by trial index. The scheduler hands a sampler the same decoded configuration
 * objects at every proposal, so a proposal over 10,000 trials reads flat arrays instead of 10,000
 * maps scattered over the heap; a row is read again whenever the object at its index is another one
 * (checked by identity), so the answer never depends on what was remembered.
 */
final class Coordinates {

  /**
   * Columns in history order: [dimension of the space][observation], and each one's model; and,
   * where every observation is a remembered trial of its own index, each dimension's trial indices
   * in ascending order of value (ties by index), else null.
   */
  record Table(double[][] columns, Object[] models, int[][] ranked) {}

  private final SearchSpace space;
  private final List<Dimension> dims;
  private Object[] configs = new Object[0];
  private Object[] models = new Object[0];
  private double[] values = new double[0]; // [index · dimensions + dimension]

  /**
   * [dimension][rank]: the remembered trials' indices by ascending value, kept in order as rows
   * come and change (a row is one insertion, not a sort), for the Parzen estimators' bandwidths.
   */
  private int[][] ranked;

  private int rows;

  /** Rows remembered (rows is how many of them the orders hold). */
  private int remembered;

  /** Rows (re)read in one call beyond which the orders are rebuilt by one sort. */
  private static final int FEW = 64;

  Coordinates(SearchSpace space) {
    this.space = space;
    this.dims = space.dimensions();
    this.ranked = new int[dims.size()][0];
  }

  synchronized Table read(List<Observation> history) {
    int n = history.size(), d = dims.size();
    double[][] columns = new double[d][n];
    Object[] model = new Object[n];
    boolean own = true; // every observation a remembered trial, each index once
    int changed = 0;
    boolean[] seen = new boolean[0];
    for (int i = 0; i < n; i++) {
      Observation o = history.get(i);
      Map<String, Object> config = o.config();
      int at = o.index();
      if (at < 0) { // not a trial of the sweep: read, not remembered
        own = false;
        model[i] = space.model(config);
        for (int j = 0; j < d; j++)
          columns[j][i] = dims.get(j).internal(config.get(dims.get(j).name()));
        continue;
      }
      if (at >= configs.length) grow(at);
      if (configs[at] != config) {
        boolean one = changed++ < FEW; // past a few, the orders are rebuilt at the end instead
        if (one && configs[at] != null) unrank(at);
        for (int j = 0; j < d; j++) {
          values[at * d + j] = dims.get(j).internal(config.get(dims.get(j).name()));
        }
        models[at] = space.model(config);
        if (configs[at] == null) remembered++;
        configs[at] = config;
        if (one) rank(at);
      }
      for (int j = 0; j < d; j++) columns[j][i] = values[at * d + j];
      model[i] = models[at];
      if (at >= seen.length) seen = Arrays.copyOf(seen, Math.max(at + 1, 2 * seen.length));
      own &= !seen[at];
      seen[at] = true;
    }
    if (changed > FEW) rerank();
    int[][] order = null;
    if (own) {
      order = new int[d][];
      for (int j = 0; j < d; j++) order[j] = Arrays.copyOf(ranked[j], rows);
    }
    return new Table(columns, model, order);
  }

  /** Rebuilds every dimension's order from all remembered rows: one sort each. */
  private void rerank() {
    int d = dims.size();
    int[] trials = new int[remembered];
    int n = 0;
    for (int at = 0; at < configs.length; at++) if (configs[at] != null) trials[n++] = at;
    double[] v = new double[n];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) v[i] = values[trials[i] * d + j];
      int[] order = Order.ascending(v, n);
      int[] r = new int[Math.max(n, 16)];
      for (int i = 0; i < n; i++) r[i] = trials[order[i]];
      ranked[j] = r;
    }
    rows = n;
  }

  /** Inserts trial {@code at} into each dimension's order. */
  private void rank(int at) {
    if (ranked.length > 0 && rows == ranked[0].length) {
      for (int j = 0; j < ranked.length; j++) ranked[j] = Arrays.copyOf(ranked[j], 2 * rows + 16);
    }
    for (int j = 0; j < ranked.length; j++) {
      int p = place(j, at);
      System.arraycopy(ranked[j], p, ranked[j], p + 1, rows - p);
      ranked[j][p] = at;
    }
    rows++;
  }

  /** Takes trial {@code at} (with its values still in place) out of each dimension's order. */
  private void unrank(int at) {
    for (int j = 0; j < ranked.length; j++) {
      int p = place(j, at) - 1; // the first place after it, less one: where it is
      System.arraycopy(ranked[j], p + 1, ranked[j], p, rows - p - 1);
    }
    rows--;
  }

  /** The first rank in dimension j whose (value, index) comes after trial at's. */
  private int place(int j, int at) {
    int d = dims.size();
    long key = Order.key(values[at * d + j]);
    int lo = 0, hi = rows;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1, t = ranked[j][mid];
      int c = Long.compareUnsigned(Order.key(values[t * d + j]), key);
      if (c < 0 || (c == 0 && t <= at)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private void grow(int at) {
    int size = Math.max(at + 1, 2 * configs.length);
    configs = Arrays.copyOf(configs, size);
    models = Arrays.copyOf(models, size);
    values = Arrays.copyOf(values, size * dims.size());
  }
}
