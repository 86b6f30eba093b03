package lab.inception.coordinator.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import lab.inception.worker.train.TrialConfig;
import lab.inception.worker.train.TrialParameter;

/**
 * Turns a sweep into its trials: the grid's cartesian product (first parameter slowest) or {@code
 * maxTrials} seeded random draws, either without the configurations over the sweep's cost budget. A
 * parameter conditional on the model ({@link ModelConditions}) is left out of a combination or draw
 * whose model does not take it, and a grid keeps once the combinations this makes identical. Each
 * trial is a full {@link TrialConfig} map. A TPE sweep has no trials up front: its sampler proposes
 * them one by one.
 */
public final class SweepExpander {

  private SweepExpander() {}

  /**
   * How many trials the sweep has (saturating at Long.MAX_VALUE): for a grid, per model value the
   * product of the list sizes of the parameters that model takes, summed over the model values.
   */
  public static long size(SweepSpec spec) {
    if (!"grid".equals(spec.method())) return spec.maxTrials();
    ModelConditions c = ModelConditions.of(spec);
    long n = 0;
    for (Object model : ModelConditions.models(spec)) {
      long k = 1;
      for (Map.Entry<String, Object> e : spec.parameters().entrySet()) {
        if (!e.getKey().equals(TrialParameter.MODEL.key())
            && e.getValue() instanceof List<?> l
            && !l.isEmpty()
            && c.takes(e.getKey(), model)) k = multiply(k, l.size());
      }
      n = add(n, k);
    }
    return n;
  }

  private static long add(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long multiply(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The trials' parameter maps, in order (none for TPE), each within the cost budget. */
  public static List<Map<String, Object>> expand(SweepSpec spec) {
    if (spec.adaptive()) return List.of();
    if ("grid".equals(spec.method())) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> m : grid(spec)) {
        Map<String, Object> t = trial(spec, m);
        if (withinBudget(spec, t)) out.add(t);
      }
      return out;
    }
    SplittableRandom rnd = new SplittableRandom(spec.seed());
    ModelConditions c = ModelConditions.of(spec);
    List<Map<String, Object>> out = new ArrayList<>();
    for (long tries = 0;
        out.size() < spec.maxTrials() && tries < 100L * spec.maxTrials();
        tries++) {
      Map<String, Object> t = trial(spec, draw(spec, c, rnd));
      if (withinBudget(spec, t)) out.add(t);
    }
    return out;
  }

  /** A sweep-level parameter map completed into a full trial configuration. */
  public static Map<String, Object> trial(SweepSpec spec, Map<String, Object> m) {
    Map<String, Object> c = new LinkedHashMap<>(m);
    c.putIfAbsent("dataset", spec.dataset());
    c.putIfAbsent("seed", spec.seed());
    return TrialConfig.fromMap(c).toMap();
  }

  /** Whether a full trial configuration's network is within the sweep's budget (or it has none). */
  public static boolean withinBudget(SweepSpec spec, Map<String, Object> trial) {
    return !spec.constraints().any()
        || TrialCost.of(trial).map(spec.constraints()::allows).orElse(false);
  }

  /**
   * The grid's combinations, first parameter slowest, each without the parameters its model does
   * not take ({@link ModelConditions}), and the combinations this makes identical kept once, the
   * first: a combination is kept only when every parameter its model does not take is at its first
   * value. A conditional parameter before {@code model} in the file is carried, marked when past
   * its first value, until the model is set.
   */
  private static List<Map<String, Object>> grid(SweepSpec spec) {
    ModelConditions c = ModelConditions.of(spec);
    String modelKey = TrialParameter.MODEL.key();
    boolean modelSet = !spec.parameters().containsKey(modelKey);
    List<Partial> acc = List.of(new Partial(new LinkedHashMap<>(), Set.of()));
    for (Map.Entry<String, Object> e : spec.parameters().entrySet()) {
      String k = e.getKey();
      List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
      List<Partial> next = new ArrayList<>(acc.size() * values.size());
      for (Partial p : acc) {
        if (modelSet && !c.takes(k, ModelConditions.model(p.values()))) {
          next.add(p);
          continue;
        }
        for (int i = 0; i < values.size(); i++) {
          Partial q = p.with(k, values.get(i), i > 0 && c.conditional(k));
          if (k.equals(modelKey)) q = q.modelSet(c);
          if (q != null) next.add(q);
        }
      }
      acc = next;
      modelSet |= k.equals(modelKey);
    }
    return acc.stream().map(Partial::values).toList();
  }

  /**
   * A grid combination in the making, and the conditional parameters in it past their first value
   * while its model is not yet set.
   */
  private record Partial(Map<String, Object> values, Set<String> pastFirst) {
    Partial with(String key, Object value, boolean past) {
      Map<String, Object> m = new LinkedHashMap<>(values);
      m.put(key, value);
      if (!past) return new Partial(m, pastFirst);
      Set<String> s = new HashSet<>(pastFirst);
      s.add(key);
      return new Partial(m, s);
    }

    /**
     * This combination once its model is set: without the parameters the model does not take, or
     * null when one of them is past its first value (the combination with it at its first value
     * came earlier and is the same).
     */
    Partial modelSet(ModelConditions c) {
      Object model = ModelConditions.model(values);
      if (pastFirst.stream().anyMatch(k -> !c.takes(k, model))) return null;
      return new Partial(c.leaveOut(new LinkedHashMap<>(values)), Set.of());
    }
  }

  /** {@code n} seeded draws of the sweep's parameters, budget not applied. */
  static List<Map<String, Object>> draws(SweepSpec spec, int n) {
    SplittableRandom rnd = new SplittableRandom(spec.seed());
    ModelConditions c = ModelConditions.of(spec);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(draw(spec, c, rnd));
    return out;
  }

  /**
   * One draw of every parameter, without those the drawn model does not take ({@link
   * ModelConditions}: a {@code block} on bn-inception), as TPE's sampler leaves them out.
   */
  private static Map<String, Object> draw(SweepSpec spec, ModelConditions c, SplittableRandom rnd) {
    Map<String, Object> m = new LinkedHashMap<>();
    spec.parameters().forEach((k, v) -> m.put(k, draw(k, v, rnd)));
    return c.leaveOut(m);
  }

  private static Object draw(String key, Object v, SplittableRandom rnd) {
    if (v instanceof List<?> l) return l.get(rnd.nextInt(l.size()));
    if (!(v instanceof Map<?, ?> r)) return v;
    double lo = ((Number) r.get("min")).doubleValue();
    double hi = ((Number) r.get("max")).doubleValue();
    boolean log = "log".equals(r.get("scale"));
    double u = rnd.nextDouble();
    double x =
        log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
    TrialParameter p = TrialParameter.of(key).orElseThrow();
    if (p.type() != TrialParameter.Type.INTEGER) return x;
    long n = Math.max((long) Math.ceil(lo), Math.min((long) Math.floor(hi), Math.round(x)));
    return p.defaultValue() instanceof Long ? (Object) n : (Object) (int) n;
  }

  /** Each model/block/stem/width/dataset combination of the sweep that the zoo cannot build. */
  static List<Problem> combinationProblems(SweepSpec spec) {
    if (size(spec) > SweepParser.MAX_TRIALS) {
      return List.of(
          new Problem(
              "parameters",
              "the sweep has " + size(spec) + " trials, more than " + SweepParser.MAX_TRIALS));
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Problem> out = new ArrayList<>();
    List<Map<String, Object>> raw =
        "grid".equals(spec.method()) ? grid(spec) : draws(spec, Math.min(spec.maxTrials(), 1000));
    for (Map<String, Object> m : raw) {
      Map<String, Object> t = trial(spec, m);
      String model = (String) t.get("model");
      String block = (String) t.get("block");
      String stem = (String) t.get("stem");
      double width = ((Number) t.get("width")).doubleValue();
      String dataset = (String) t.get("dataset");
      int imageSize = ((Number) t.get("imageSize")).intValue();
      String key = model + "|" + block + "|" + stem + "|" + width + "|" + dataset + "|" + imageSize;
      if (!seen.add(key)) continue;
      String why = ModelCatalog.whyNot(model, block, stem, width, dataset, imageSize);
      if (why != null) {
        out.add(
            new Problem(
                "parameters",
                "model "
                    + model
                    + " with block "
                    + block
                    + ", stem "
                    + stem
                    + ", width "
                    + width
                    + " on "
                    + dataset
                    + ": "
                    + why));
      }
    }
    return out;
  }
}
