package lab.inception.coordinator.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import lab.inception.coordinator.sweep.TpeSettings;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011) with Optuna 3.1's refinements: {@code startupTrials} uniform trials
 * first; then the observations are split into the best {@code gamma(n)} ("below") and the rest
 * ("above"), a {@link ParzenEstimator} l(x) is fitted to the first and g(x) to the second, {@code
 * candidates} points are drawn from l and the one with the highest l(x)/g(x) (expected improvement)
 * is proposed. Pruned trials rank after every completed one, deeper rungs first and by their value
 * there (Optuna's pruned-trial handling); pending trials rank last (constant liar). With several
 * objectives the split is MOTPE's (Ozaki et al., GECCO 2020): by non-domination rank, the boundary
 * front cut by greedy hypervolume subset selection, and the below kernels weighted by their
 * hypervolume contribution.
 *
 * <p>Conditional dimensions (see {@link SearchSpace}) are sampled group by group: the unconditional
 * group first, then each group that applies to the model chosen, from the observations it applied
 * to. A proposal must pass {@code feasible} (the sweep's cost budget, a buildable model);
 * infeasible candidates are never proposed. The proposal is a pure function of the seed, the
 * trial's index and the history, so a restarted coordinator that rebuilds the history from its
 * store continues the same search; the only state kept between proposals is {@link Coordinates},
 * configurations already read, which changes how fast, never what.
 */
public final class TpeSampler {

  private static final double EPS = 1e-12;
  private static final int ROUNDS = 10;
  private static final int RANDOM_TRIES = 1000;

  private final SearchSpace space;
  private final long seed;
  private final TpeSettings s;
  private final Predicate<Map<String, Object>> feasible;
  private final Coordinates coordinates;

  /**
   * @param feasible whether a whole configuration (fixed values included) may be proposed
   */
  public TpeSampler(
      SearchSpace space, long seed, TpeSettings s, Predicate<Map<String, Object>> feasible) {
    this.space = space;
    this.seed = seed;
    this.s = s;
    this.feasible = feasible;
    this.coordinates = new Coordinates(space);
  }

  public TpeSampler(SearchSpace space, long seed) {
    this(space, seed, TpeSettings.defaults(), c -> true);
  }

  /**
   * The sampled values of trial {@code index}'s configuration (fixed values not included), or empty
   * when no feasible configuration was found. On a space of lists and integer ranges only, a
   * proposal is not a configuration the history has (run, running or queued: a trial is
   * deterministic given its configuration, so a repeat would teach nothing), as long as another one
   * is found; then repeats are allowed.
   */
  public Optional<Map<String, Object>> next(int index, List<Observation> history) {
    SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
    Set<String> seen = discrete() ? seen(history) : Set.of();
    int done = 0;
    for (Observation o : history) if (o.status() != Observation.Status.PENDING) done++;
    if (done >= s.startupTrials()) {
      List<List<Dimension>> groups = s.multivariate() ? space.groups() : singles(space.groups());
      Fitting fitting = new Fitting(history, coordinates.read(history), new java.util.HashMap<>());
      for (int round = 0; round < ROUNDS; round++) {
        for (Map<String, Object> c : candidates(groups.get(0), fitting, rnd, Map.of())) {
          for (List<Dimension> g : groups.subList(1, groups.size())) {
            if (space.applies(g, c)) c.putAll(candidates(g, fitting, rnd, c).iterator().next());
          }
          if (!seen.isEmpty() && seen.contains(key(c))) continue;
          if (feasible.test(space.complete(c))) return Optional.of(c);
        }
      }
    }
    Optional<Map<String, Object>> fresh = uniform(rnd, seen);
    return fresh.isPresent() || seen.isEmpty() ? fresh : uniform(rnd, Set.of());
  }

  /** Whether every searched dimension has finitely many values (lists, integer ranges). */
  private boolean discrete() {
    for (Dimension d : space.dimensions()) {
      if (d instanceof Dimension.Numeric n && !n.integer()) return false;
    }
    return true;
  }

  /** The keys of the history's configurations. */
  private Set<String> seen(List<Observation> history) {
    Set<String> out = new java.util.HashSet<>();
    for (Observation o : history) out.add(key(o.config()));
    return out;
  }

  /** A configuration's searched values: choices by position, integers as such. */
  private String key(Map<String, Object> config) {
    StringBuilder b = new StringBuilder();
    for (Dimension d : space.dimensions()) {
      Object v = config.get(d.name());
      if (d instanceof Dimension.Numeric) b.append(v instanceof Number n ? n.longValue() : "-");
      else b.append(d.internal(v)); // a choice's position (NaN: absent, the model takes none)
      b.append(',');
    }
    return b.toString();
  }

  /**
   * Univariate: each dimension a group of its own, in the groups' order (so {@code model} is
   * sampled before the dimensions conditional on it), sampled and scored on its own.
   */
  private static List<List<Dimension>> singles(List<List<Dimension>> groups) {
    List<List<Dimension>> out = new ArrayList<>();
    out.add(List.of()); // the unconditional group's place, as candidates() expects a first group
    for (List<Dimension> g : groups) for (Dimension d : g) out.add(List.of(d));
    return out;
  }

  private Optional<Map<String, Object>> uniform(SplittableRandom rnd, Set<String> seen) {
    for (int i = 0; i < RANDOM_TRIES; i++) {
      Map<String, Object> c = space.uniform(rnd);
      if (!seen.isEmpty() && seen.contains(key(c))) continue;
      if (feasible.test(space.complete(c))) return Optional.of(c);
    }
    return Optional.empty();
  }

  /** A group's fitted l(x) and g(x); both null while nothing is below (then: uniform). */
  private record Model(ParzenEstimator l, ParzenEstimator g) {}

  /** One proposal's history, read once, and the groups fitted to it so far. */
  private record Fitting(
      List<Observation> history, Coordinates.Table table, Map<List<Dimension>, Model> fitted) {}

  private Model fit(List<Dimension> group, Fitting f) {
    List<Observation> history = f.history();
    Coordinates.Table table = f.table();
    int d = group.size();
    int[] at = new int[d]; // the group's dimensions among the space's
    for (int j = 0; j < d; j++) at[j] = space.dimensions().indexOf(group.get(j));
    List<Observation> obs = new ArrayList<>(history.size());
    double[][] x = new double[d][history.size()]; // [dimension][observation], as the estimator
    for (int i = 0; i < history.size(); i++) {
      Observation o = history.get(i);
      if (o.status() == Observation.Status.PENDING && !s.constantLiar()) continue;
      if (!space.applies(group, table.models()[i])) continue;
      boolean known = true;
      for (int j = 0; j < d && known; j++) {
        x[j][obs.size()] = table.columns()[at[j]][i];
        known = !Double.isNaN(x[j][obs.size()]);
      }
      if (known) obs.add(o);
    }
    boolean[] below = belowMask(obs);
    int nb = count(below);
    if (nb == 0) return new Model(null, null);
    int na = obs.size() - nb;
    double[][] xb = new double[d][nb], xa = new double[d][na];
    List<Observation> ob = new ArrayList<>(nb);
    for (int j = 0; j < d; j++) {
      double[] col = x[j], b = xb[j], a = xa[j];
      for (int i = 0, ib = 0, ia = 0; i < below.length; i++) {
        if (below[i]) b[ib++] = col[i];
        else a[ia++] = col[i];
      }
    }
    for (int i = 0; i < below.length; i++) if (below[i]) ob.add(obs.get(i));
    return new Model(
        new ParzenEstimator(group, xb, weightsBelow(ob), s),
        new ParzenEstimator(group, xa, weights(na), s, ranked(table, at, obs, below, na)));
  }

  /**
   * The above observations' positions (in xa) by ascending value per dimension of the group,
   * filtered from the remembered trials' order; null where there is none to filter.
   */
  private static int[][] ranked(
      Coordinates.Table table, int[] at, List<Observation> obs, boolean[] below, int na) {
    if (table.ranked() == null) return null;
    int max = 0;
    for (Observation o : obs) max = Math.max(max, o.index());
    int[] pos = new int[max + 1];
    Arrays.fill(pos, -1);
    for (int i = 0, ia = 0; i < below.length; i++) if (!below[i]) pos[obs.get(i).index()] = ia++;
    int[][] out = new int[at.length][];
    for (int j = 0; j < at.length; j++) {
      int[] r = table.ranked()[at[j]], o = new int[na];
      int k = 0;
      for (int t : r) if (t <= max && pos[t] >= 0) o[k++] = pos[t];
      out[j] = o;
    }
    return out;
  }

  private static int count(boolean[] b) {
    int n = 0;
    for (boolean v : b) if (v) n++;
    return n;
  }

  /** A group's candidates, best l/g first, each merged over {@code base}. */
  private Iterable<Map<String, Object>> candidates(
      List<Dimension> group, Fitting fitting, SplittableRandom rnd, Map<String, Object> base) {
    if (group.isEmpty()) return List.of(new LinkedHashMap<>(base));
    Model model = fitting.fitted().computeIfAbsent(group, g -> fit(g, fitting));
    int n = s.candidates();
    if (model.l() == null) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        SearchSpace.uniform(group, rnd, m);
        out.add(m);
      }
      return out;
    }
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) points[i] = model.l().sample(rnd);
    Ranked ranked = new Ranked(model, points);
    return () ->
        new java.util.Iterator<>() {
          @Override
          public boolean hasNext() {
            return ranked.hasNext();
          }

          @Override
          public Map<String, Object> next() {
            double[] p = points[ranked.next()];
            Map<String, Object> m = new LinkedHashMap<>(base);
            for (int j = 0; j < group.size(); j++)
              m.put(group.get(j).name(), group.get(j).value(p[j]));
            return m;
          }
        };
  }

  /**
   * Candidates in descending order of log l(x) − log g(x) (ties: the earlier drawn first), g taken
   * lazily. log g(x) is at least g's prior kernel's term, so log l(x) less that term bounds a
   * candidate's score from above; a candidate is emitted once its exact score is at least every
   * unscored candidate's bound. g, over the many observations, is the costly density, and in
   * practice a few of the candidates settle the best: the order is exactly that of scoring all.
   */
  private static final class Ranked {
    private final ParzenEstimator g;
    private final double[][] points;
    private final double[] bound;
    private final Integer[] byBound;
    private final java.util.PriorityQueue<Scored> scored;
    private final double[] below;
    private int next;
    private int emitted;

    Ranked(Model model, double[][] points) {
      this.g = model.g();
      this.points = points;
      int n = points.length;
      below = model.l().logPdf(points);
      bound = new double[n];
      byBound = new Integer[n];
      for (int i = 0; i < n; i++) {
        bound[i] = below[i] - g.priorTerm(points[i]);
        byBound[i] = i;
      }
      Arrays.sort(byBound, Comparator.comparingDouble(i -> -bound[i]));
      scored =
          new java.util.PriorityQueue<>(
              Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
    }

    boolean hasNext() {
      return emitted < points.length;
    }

    int next() {
      while (next < byBound.length
          && (scored.isEmpty() || bound[byBound[next]] >= scored.peek().score())) {
        int i = byBound[next++];
        scored.add(new Scored(below[i] - g.logPdf(points[i]), i));
      }
      emitted++;
      return scored.poll().index();
    }

    /** A candidate's exact log l(x) − log g(x). */
    private record Scored(double score, int index) {}
  }

  // ---- the split ----

  /** [below, above], each in the order given (trial order). */
  List<List<Observation>> split(List<Observation> obs) {
    boolean[] below = belowMask(obs);
    List<Observation> b = new ArrayList<>(), a = new ArrayList<>();
    for (int i = 0; i < below.length; i++) (below[i] ? b : a).add(obs.get(i));
    return List.of(b, a);
  }

  /** Which observations go below: the best {@code gamma(n)}. */
  private static boolean[] belowMask(List<Observation> obs) {
    int done = 0;
    for (Observation o : obs) if (o.status() != Observation.Status.PENDING) done++;
    int n = gamma(done); // as Optuna: gamma of the finished trials, pending ones not counted
    boolean multi = false;
    for (Observation o : obs) {
      multi |= o.status() == Observation.Status.COMPLETE && o.loss().length > 1;
    }
    boolean[] mask = new boolean[obs.size()];
    if (multi) {
      java.util.Map<Observation, Integer> at = new java.util.IdentityHashMap<>();
      for (int i = 0; i < obs.size(); i++) at.put(obs.get(i), i);
      for (Observation o : multiBelow(obs, n)) mask[at.get(o)] = true;
    } else {
      for (int i : singleBelow(obs, n)) mask[i] = true;
    }
    return mask;
  }

  /**
   * The indices of the n best: completed by value, then pruned by (deeper rung first, value), then
   * pending, ties by index. n is at most 25, so the best so far are kept in a sorted array: O(N) to
   * look at each observation, plus an insertion for the few that enter it.
   */
  private static List<Integer> singleBelow(List<Observation> obs, int n) {
    int size = obs.size();
    double[] tier = new double[size], value = new double[size];
    for (int i = 0; i < size; i++) {
      Observation o = obs.get(i);
      tier[i] = tier(o);
      value[i] =
          o.loss().length == 0 || Double.isNaN(o.loss()[0])
              ? Double.POSITIVE_INFINITY
              : o.loss()[0];
    }
    int[] best = new int[Math.max(n, 0)];
    int kept = 0;
    for (int i = 0; i < size && n > 0; i++) {
      if (kept == n && !better(tier, value, i, best[kept - 1])) continue;
      int at = kept < n ? kept++ : n - 1; // the free place, or the worst one's
      while (at > 0 && better(tier, value, i, best[at - 1])) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = i;
    }
    List<Integer> out = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) out.add(best[i]);
    return out;
  }

  /** Whether observation x ranks before y (indices ascend, so a tie keeps the earlier). */
  private static boolean better(double[] tier, double[] value, int x, int y) {
    int c = Double.compare(tier[x], tier[y]);
    if (c == 0) c = Double.compare(value[x], value[y]);
    return c < 0 || (c == 0 && x < y);
  }

  private static double tier(Observation o) {
    return switch (o.status()) {
      case COMPLETE -> Double.NEGATIVE_INFINITY;
      case PRUNED -> -o.step();
      case PENDING -> Double.POSITIVE_INFINITY;
    };
  }

  /** MOTPE: whole fronts of the completed trials, the boundary one cut by greedy HSSP. */
  private static List<Observation> multiBelow(List<Observation> obs, int n) {
    List<Observation> done = new ArrayList<>();
    for (Observation o : obs) if (o.status() == Observation.Status.COMPLETE) done.add(o);
    double[][] loss = new double[done.size()][];
    for (int i = 0; i < loss.length; i++) loss[i] = done.get(i).loss();
    int[] rank = Pareto.ranks(loss, n);
    List<Observation> below = new ArrayList<>();
    for (int r = 0; below.size() < n && r < done.size(); r++) {
      List<Integer> front = new ArrayList<>();
      for (int i = 0; i < rank.length; i++) if (rank[i] == r) front.add(i);
      if (front.isEmpty()) break;
      if (below.size() + front.size() <= n) {
        front.forEach(i -> below.add(done.get(i)));
      } else {
        for (int i : hssp(loss, front, n - below.size(), reference(loss))) below.add(done.get(i));
      }
    }
    return below;
  }

  /** Greedy hypervolume subset selection: k of the front, each adding the most volume. */
  private static List<Integer> hssp(double[][] loss, List<Integer> front, int k, double[] ref) {
    List<Integer> chosen = new ArrayList<>();
    List<double[]> pts = new ArrayList<>();
    List<Integer> left = new ArrayList<>(front);
    while (chosen.size() < k && !left.isEmpty()) {
      int best = -1;
      double bestHv = -1;
      for (int i : left) {
        pts.add(loss[i]);
        double hv = Pareto.hypervolume(pts, ref);
        pts.remove(pts.size() - 1);
        if (hv > bestHv) {
          bestHv = hv;
          best = i;
        }
      }
      chosen.add(best);
      pts.add(loss[best]);
      left.remove(Integer.valueOf(best));
    }
    return chosen;
  }

  /** A point beyond every loss: the worst of each objective plus a tenth of its spread. */
  static double[] reference(double[][] loss) {
    int m = loss[0].length;
    double[] ref = new double[m];
    for (int j = 0; j < m; j++) {
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      for (double[] l : loss) {
        lo = Math.min(lo, l[j]);
        hi = Math.max(hi, l[j]);
      }
      ref[j] = hi + Math.max(EPS, 0.1 * (hi - lo));
    }
    return ref;
  }

  /** Below weights: Optuna's default for one objective, hypervolume contributions for several. */
  private static double[] weightsBelow(List<Observation> below) {
    if (below.size() < 2 || below.get(0).loss().length < 2) return weights(below.size());
    double[][] loss = new double[below.size()][];
    for (int i = 0; i < loss.length; i++) loss[i] = below.get(i).loss();
    double[] ref = reference(loss);
    List<double[]> all = Arrays.asList(loss);
    double hv = Pareto.hypervolume(all, ref);
    double[] c = new double[loss.length];
    double max = 0;
    for (int i = 0; i < loss.length; i++) {
      List<double[]> without = new ArrayList<>(all);
      without.remove(i);
      c[i] = hv - Pareto.hypervolume(without, ref);
      max = Math.max(max, c[i]);
    }
    for (int i = 0; i < c.length; i++) c[i] = max <= 0 ? 1.0 : Math.max(EPS, c[i] / max);
    return c;
  }

  /** How many observations go below: Optuna's {@code min(ceil(0.1·n), 25)}. */
  static int gamma(int n) {
    return Math.min((int) Math.ceil(0.1 * n), 25);
  }

  /** Optuna's default weights: the newest 25 weigh 1, older ones ramp up from 1/n. */
  static double[] weights(int n) {
    double[] w = new double[n];
    if (n < 25) {
      java.util.Arrays.fill(w, 1.0);
      return w;
    }
    int ramp = n - 25;
    for (int i = 0; i < ramp; i++) {
      w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
    }
    for (int i = ramp; i < n; i++) w[i] = 1.0;
    return w;
  }
}
