package lab.inception.coordinator.sweep;

import java.util.ArrayList;
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
 * maxTrials} seeded random draws, either without the configurations over the sweep's cost budget.
 * Each trial is a full {@link TrialConfig} map. A TPE sweep has no trials up front: its sampler
 * proposes them one by one.
 */
public final class SweepExpander {

  private SweepExpander() {}

  /** How many trials the sweep has (saturating at Long.MAX_VALUE). */
  public static long size(SweepSpec spec) {
    if (!"grid".equals(spec.method())) return spec.maxTrials();
    long n = 1;
    for (Object v : spec.parameters().values()) {
      if (v instanceof List<?> l) n = l.isEmpty() ? n : multiply(n, l.size());
    }
    return n;
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
    List<Map<String, Object>> out = new ArrayList<>();
    for (long tries = 0;
        out.size() < spec.maxTrials() && tries < 100L * spec.maxTrials();
        tries++) {
      Map<String, Object> t = trial(spec, draw(spec, rnd));
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

  private static List<Map<String, Object>> grid(SweepSpec spec) {
    List<Map<String, Object>> acc = new ArrayList<>();
    acc.add(new LinkedHashMap<>());
    for (Map.Entry<String, Object> e : spec.parameters().entrySet()) {
      List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
      List<Map<String, Object>> next = new ArrayList<>(acc.size() * values.size());
      for (Map<String, Object> partial : acc) {
        for (Object v : values) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      acc = next;
    }
    return acc;
  }

  /** {@code n} seeded draws of the sweep's parameters, budget not applied. */
  static List<Map<String, Object>> draws(SweepSpec spec, int n) {
    SplittableRandom rnd = new SplittableRandom(spec.seed());
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(draw(spec, rnd));
    return out;
  }

  /**
   * One draw of every parameter. For TPE, a parameter that does not apply to the drawn model (a
   * {@code block} on bn-inception) is left out, as its sampler leaves it out.
   */
  private static Map<String, Object> draw(SweepSpec spec, SplittableRandom rnd) {
    Map<String, Object> m = new LinkedHashMap<>();
    spec.parameters().forEach((k, v) -> m.put(k, draw(k, v, rnd)));
    if (spec.adaptive()) {
      Object model = m.getOrDefault("model", TrialParameter.MODEL.defaultValue());
      m.keySet()
          .removeIf(
              k ->
                  TrialParameter.of(k)
                      .flatMap(TrialParameter::models)
                      .map(ms -> !ms.contains(model))
                      .orElse(false));
    }
    return m;
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
