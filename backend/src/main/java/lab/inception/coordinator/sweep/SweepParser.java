package lab.inception.coordinator.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.train.TrialParameter;

/**
 * Validates a whole sweep file before anything is stored and reports every problem with its path
 * ({@code parameters.model[2]: unknown model 'inception-v5'; known: ...}).
 */
public final class SweepParser {

  /** A grid without maxTrials may have at most this many trials. */
  public static final int DEFAULT_GRID_CAP = 1000;

  /** No sweep may have more trials than this. */
  public static final int MAX_TRIALS = 10_000;

  private static final Set<String> TOP =
      Set.of(
          "name",
          "dataset",
          "method",
          "maxTrials",
          "maxConcurrent",
          "seed",
          "parameters",
          "earlyStopping",
          "objective",
          "objectives",
          "constraints",
          "tpe",
          "description");
  private static final Set<String> RANGE_KEYS = Set.of("min", "max", "scale");
  private static final Set<String> OBJECTIVE_KEYS = Set.of("metric", "mode");
  private static final Set<String> CONSTRAINT_KEYS = Set.of("maxMacs", "maxParams");
  private static final Set<String> TPE_KEYS =
      Set.of("startupTrials", "candidates", "multivariate", "bandwidth", "constantLiar");
  private static final List<String> METHODS = List.of("grid", "random", "tpe");
  private static final Set<String> STOP_KEYS =
      Set.of("type", "metric", "mode", "gracePeriod", "reductionFactor", "minTrials");

  private final List<Problem> problems = new ArrayList<>();
  private final DataPolicy data;

  /** The fields a sweep file may have at its top level. */
  public static Set<String> fields() {
    return TOP;
  }

  /** The fields of {@code earlyStopping}. */
  public static Set<String> earlyStoppingFields() {
    return STOP_KEYS;
  }

  /** The fields of an objective. */
  public static Set<String> objectiveFields() {
    return OBJECTIVE_KEYS;
  }

  /** The fields of {@code constraints}. */
  public static Set<String> constraintFields() {
    return CONSTRAINT_KEYS;
  }

  /** The fields of {@code tpe}. */
  public static Set<String> tpeFields() {
    return TPE_KEYS;
  }

  /** The search methods. */
  public static List<String> methods() {
    return METHODS;
  }

  private SweepParser(DataPolicy data) {
    this.data = data;
  }

  /**
   * Parses and validates sweep text (JSON or YAML) under {@link DataPolicy#NONE}; throws {@link
   * SweepValidationException}.
   */
  public static SweepSpec parse(String text) {
    return parse(text, DataPolicy.NONE);
  }

  /**
   * Parses and validates sweep text (JSON or YAML), its data paths under the server's policy;
   * throws {@link SweepValidationException}.
   */
  public static SweepSpec parse(String text, DataPolicy data) {
    return validate(SweepFiles.read(text), data);
  }

  /** Validates a parsed sweep file under {@link DataPolicy#NONE}. */
  public static SweepSpec validate(Map<String, Object> file) {
    return validate(file, DataPolicy.NONE);
  }

  /**
   * Validates a parsed sweep file, image folders resolved under the policy's root; throws {@link
   * SweepValidationException} with every problem.
   */
  public static SweepSpec validate(Map<String, Object> file, DataPolicy data) {
    SweepParser p = new SweepParser(data);
    SweepSpec spec = p.spec(file);
    if (!p.problems.isEmpty()) throw new SweepValidationException(p.problems);
    List<Problem> late = new ArrayList<>();
    long size = SweepExpander.size(spec);
    if ("grid".equals(spec.method()) && size > spec.maxTrials()) {
      late.add(
          new Problem(
              file.containsKey("maxTrials") ? "maxTrials" : "parameters",
              "the grid has "
                  + size
                  + " trials, more than maxTrials "
                  + spec.maxTrials()
                  + (file.containsKey("maxTrials") ? "" : " (the default cap)")
                  + "; narrow the grid or raise maxTrials"));
    } else {
      late.addAll(SweepExpander.combinationProblems(spec));
    }
    if (late.isEmpty()) late.addAll(BudgetCheck.problems(spec));
    if (!late.isEmpty()) throw new SweepValidationException(late);
    return spec;
  }

  private SweepSpec spec(Map<String, Object> f) {
    for (String k : f.keySet()) {
      if (!TOP.contains(k))
        problems.add(new Problem(k, "unknown field; known: " + String.join(", ", sorted(TOP))));
    }
    String name = string(f, "name", "sweep");
    for (String k : List.of("name", "dataset", "method", "maxTrials", "maxConcurrent", "seed")) {
      if (f.containsKey(k) && f.get(k) == null)
        problems.add(new Problem(k, "must not be null; leave it out for the default"));
    }
    String method = string(f, "method", "grid");
    if (!METHODS.contains(method)) {
      problems.add(
          new Problem(
              "method", "unknown method '" + method + "'; known: " + String.join(", ", METHODS)));
    }
    String dataset = string(f, "dataset", (String) TrialParameter.DATASET.defaultValue());
    String why = TrialParameter.DATASET.whyNot(dataset);
    if (why != null) problems.add(new Problem("dataset", why));
    else dataset = data.dataset(dataset, "dataset", problems);
    Integer maxTrials = integer(f, "maxTrials", null, 1, MAX_TRIALS);
    if (maxTrials == null
        && !"grid".equals(method)
        && METHODS.contains(method)
        && !f.containsKey("maxTrials")) {
      problems.add(
          new Problem(
              "maxTrials", "required for " + method + " search: how many trials to sample"));
    }
    Integer maxConcurrent = integer(f, "maxConcurrent", 0, 0, 10_000);
    Object seedV = f.get("seed");
    Object seed =
        seedV == null
            ? Long.valueOf(0)
            : seedV instanceof Number
                ? ParameterRules.check(TrialParameter.SEED, seedV, "seed", problems)
                : missingType("seed", seedV, "an integer");
    Map<String, Object> params = parameters(f.get("parameters"), method, f.containsKey("dataset"));
    if ("tpe".equals(method) && f.get("parameters") instanceof Map<?, ?> && !searched(params)) {
      problems.add(
          new Problem(
              "parameters",
              "method tpe needs at least one searched parameter (a list of values or a {min, max}"
                  + " range); every parameter here is fixed"));
    }
    EarlyStopping stop = earlyStopping(f.get("earlyStopping"));
    List<Objective> objectives = objectives(f);
    Constraints constraints = constraints(f.get("constraints"));
    TpeSettings tpe = tpe(f.get("tpe"), method);
    if (f.get("description") != null && !(f.get("description") instanceof String)) {
      problems.add(new Problem("description", "expected a string"));
    }
    int cap = maxTrials != null ? maxTrials : DEFAULT_GRID_CAP;
    return new SweepSpec(
        name,
        dataset,
        method,
        cap,
        maxConcurrent == null ? 0 : maxConcurrent,
        seed instanceof Long l ? l : 0L,
        params,
        stop,
        objectives,
        constraints,
        tpe);
  }

  private TpeSettings tpe(Object v, String method) {
    TpeSettings d = TpeSettings.defaults();
    if (v == null) return d;
    if (!(v instanceof Map<?, ?> m)) {
      problems.add(
          new Problem(
              "tpe",
              "expected a mapping {startupTrials, candidates, multivariate, constantLiar}, got "
                  + SweepFiles.kind(v)));
      return d;
    }
    if (!"tpe".equals(method)) problems.add(new Problem("tpe", "applies to method: tpe only"));
    for (Object k : m.keySet()) {
      if (!TPE_KEYS.contains(k))
        problems.add(
            new Problem(
                "tpe." + k, "unknown field; known: " + String.join(", ", sorted(TPE_KEYS))));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> t = (Map<String, Object>) m;
    Integer startup =
        integer(t, "startupTrials", d.startupTrials(), 0, MAX_TRIALS, "tpe.startupTrials");
    Integer candidates = integer(t, "candidates", d.candidates(), 1, 10_000, "tpe.candidates");
    boolean multivariate = bool(t, "multivariate", d.multivariate(), "tpe.multivariate");
    boolean liar = bool(t, "constantLiar", d.constantLiar(), "tpe.constantLiar");
    TpeSettings.Bandwidth bandwidth = d.bandwidth();
    Object bw = t.get("bandwidth");
    if (bw != null) {
      bandwidth = bw instanceof String w ? TpeSettings.Bandwidth.of(w) : null;
      if (bandwidth == null) {
        problems.add(
            new Problem(
                "tpe.bandwidth",
                "expected one of neighbour, scott, got "
                    + (bw instanceof String ? "'" + bw + "'" : SweepFiles.kind(bw))));
        bandwidth = d.bandwidth();
      }
    }
    return new TpeSettings(
        nz(startup, d.startupTrials()),
        nz(candidates, d.candidates()),
        multivariate,
        bandwidth,
        liar,
        d.priorWeight(),
        d.magicClip());
  }

  private boolean bool(Map<String, Object> m, String key, boolean d, String path) {
    Object v = m.get(key);
    if (v == null) return d;
    if (v instanceof Boolean b) return b;
    problems.add(new Problem(path, "expected a boolean, got " + SweepFiles.kind(v)));
    return d;
  }

  private static boolean searched(Map<String, Object> params) {
    return params.values().stream()
        .anyMatch(v -> v instanceof Map || (v instanceof List<?> l && l.size() > 1));
  }

  private List<Objective> objectives(Map<String, Object> f) {
    List<Objective> out = new ArrayList<>();
    if (f.get("objective") != null && f.get("objectives") != null) {
      problems.add(new Problem("objectives", "give objective or objectives, not both"));
      return out;
    }
    if (f.get("objective") != null) {
      Objective o = objective(f.get("objective"), "objective");
      if (o != null) out.add(o);
      return out;
    }
    Object v = f.get("objectives");
    if (v == null) return out;
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      problems.add(
          new Problem(
              "objectives",
              "expected a non-empty list of {metric, mode}, got " + SweepFiles.kind(v)));
      return out;
    }
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Objective o = objective(list.get(i), "objectives[" + i + "]");
      if (o == null) continue;
      if (!seen.add(o.metric())) {
        problems.add(
            new Problem(
                "objectives[" + i + "].metric", "'" + o.metric() + "' is an objective already"));
      }
      out.add(o);
    }
    return out;
  }

  private Objective objective(Object v, String path) {
    if (!(v instanceof Map<?, ?> m)) {
      problems.add(
          new Problem(path, "expected a mapping {metric, mode}, got " + SweepFiles.kind(v)));
      return null;
    }
    for (Object k : m.keySet()) {
      if (!OBJECTIVE_KEYS.contains(k))
        problems.add(new Problem(path + "." + k, "unknown field; known: metric, mode"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) m;
    int before = problems.size();
    String metric = string(o, "metric", Objective.defaults().metric(), path + ".metric");
    if (!Objective.names().contains(metric)) {
      String what =
          Metric.of(metric).isPresent()
              ? "'" + metric + "' is reported per step, not once per epoch"
              : "unknown metric '" + metric + "'";
      problems.add(
          new Problem(
              path + ".metric",
              what
                  + "; an objective is an epoch metric every trial reports ("
                  + String.join(", ", Metric.epochKeys())
                  + ") or a cost known before training ("
                  + String.join(", ", Objective.COSTS)
                  + ")"));
    }
    String mode =
        enumString(o, path + ".mode", "mode", Objective.defaultMode(metric), List.of("max", "min"));
    return problems.size() == before ? new Objective(metric, mode) : null;
  }

  private Constraints constraints(Object v) {
    if (v == null) return Constraints.none();
    if (!(v instanceof Map<?, ?> m)) {
      problems.add(
          new Problem(
              "constraints", "expected a mapping {maxMacs, maxParams}, got " + SweepFiles.kind(v)));
      return Constraints.none();
    }
    for (Object k : m.keySet()) {
      if (!CONSTRAINT_KEYS.contains(k))
        problems.add(new Problem("constraints." + k, "unknown field; known: maxMacs, maxParams"));
    }
    return new Constraints(
        budget(m.get("maxMacs"), "constraints.maxMacs"),
        budget(m.get("maxParams"), "constraints.maxParams"));
  }

  /** A positive whole count (1e8 and 2.0e8 are fine), or null when absent. */
  private Long budget(Object v, String path) {
    if (v == null) return null;
    Double d = TrialParameter.number(v);
    if (d == null || d != Math.rint(d) || d < 1 || d > 9.0e18) {
      problems.add(
          new Problem(
              path,
              "expected a positive whole number (such as 2.0e8), got "
                  + SweepFiles.kind(v)
                  + " '"
                  + v
                  + "'"));
      return null;
    }
    return d.longValue();
  }

  private Map<String, Object> parameters(Object v, String method, boolean topDataset) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (v == null) {
      problems.add(
          new Problem("parameters", "required: the parameters of the trials (at least model)"));
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      problems.add(
          new Problem(
              "parameters",
              "expected a mapping of parameter names to values, got " + SweepFiles.kind(v)));
      return out;
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = String.valueOf(e.getKey());
      String path = "parameters." + k;
      TrialParameter p = ParameterRules.parameter(k).orElse(null);
      if (p == null) {
        problems.add(
            new Problem(
                path,
                "unknown parameter; known: "
                    + String.join(", ", TrialParameter.keys().stream().sorted().toList())));
      } else if (p.scope() == TrialParameter.Scope.WORKER) {
        problems.add(new Problem(path, "set by the worker for its device slot, not by a sweep"));
      } else if (p == TrialParameter.DATASET && topDataset) {
        problems.add(new Problem(path, "dataset is given twice (top level and parameters)"));
      } else if (e.getValue() == null) {
        problems.add(new Problem(path, "no value: give " + p.expected() + " or leave it out"));
      } else {
        Object checked = dataPaths(p, value(p, e.getValue(), path, method), path);
        if (checked != null) out.put(k, checked);
      }
    }
    if (!m.containsKey(TrialParameter.MODEL.key())) {
      problems.add(
          new Problem(
              "parameters.model",
              "required: the model (or a list of models) the trials train; known: "
                  + String.join(", ", TrialParameter.MODEL.choices())));
    }
    return out;
  }

  private Object value(TrialParameter k, Object v, String path, String method) {
    if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        problems.add(new Problem(path, "empty list: give at least one value"));
        return null;
      }
      List<Object> typed = new ArrayList<>();
      int before = problems.size();
      for (int i = 0; i < list.size(); i++) {
        typed.add(ParameterRules.check(k, list.get(i), path + "[" + i + "]", problems));
      }
      return problems.size() == before ? typed : null;
    }
    if (v instanceof Map<?, ?> range) return range(k, range, path, method);
    return ParameterRules.check(k, v, path, problems);
  }

  /** A checked dataset or dataDir value under the server's data policy (null when refused). */
  private Object dataPaths(TrialParameter p, Object checked, String path) {
    if (checked == null) return null;
    if (p == TrialParameter.DATA_DIR) {
      int before = problems.size();
      data.dataDir(path, problems);
      return problems.size() == before ? checked : null;
    }
    if (p != TrialParameter.DATASET) return checked;
    if (!(checked instanceof List<?> list)) return data.dataset((String) checked, path, problems);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(data.dataset((String) list.get(i), path + "[" + i + "]", problems));
    }
    return out.contains(null) ? null : out;
  }

  private Object range(TrialParameter k, Map<?, ?> r, String path, String method) {
    if (!k.type().numeric()) {
      problems.add(
          new Problem(path, "a {min, max} range needs a numeric parameter; give a list of values"));
      return null;
    }
    if ("grid".equals(method)) {
      problems.add(
          new Problem(
              path,
              "a {min, max} range needs method: random or tpe; a grid takes a list of values"));
      return null;
    }
    int before = problems.size();
    for (Object key : r.keySet()) {
      if (!RANGE_KEYS.contains(key))
        problems.add(new Problem(path + "." + key, "unknown field; known: min, max, scale"));
    }
    Object min =
        r.containsKey("min")
            ? ParameterRules.check(k, r.get("min"), path + ".min", problems)
            : missing(path + ".min");
    Object max =
        r.containsKey("max")
            ? ParameterRules.check(k, r.get("max"), path + ".max", problems)
            : missing(path + ".max");
    Object scale = r.get("scale") == null ? "linear" : r.get("scale");
    if (!"linear".equals(scale) && !"log".equals(scale)) {
      problems.add(
          new Problem(path + ".scale", "unknown scale '" + scale + "'; known: linear, log"));
    }
    if (problems.size() > before) return null;
    double lo = ((Number) min).doubleValue();
    double hi = ((Number) max).doubleValue();
    if (lo > hi) problems.add(new Problem(path, "min " + min + " is above max " + max));
    if ("log".equals(scale) && lo <= 0)
      problems.add(new Problem(path + ".min", "a log scale needs min > 0"));
    if (problems.size() > before) return null;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("min", min);
    out.put("max", max);
    out.put("scale", scale);
    return out;
  }

  private Object missingType(String path, Object v, String expected) {
    problems.add(
        new Problem(path, "expected " + expected + ", got " + SweepFiles.kind(v) + " '" + v + "'"));
    return null;
  }

  private Object missing(String path) {
    problems.add(new Problem(path, "required"));
    return null;
  }

  private EarlyStopping earlyStopping(Object v) {
    EarlyStopping d = EarlyStopping.none();
    if (v == null) return d;
    if (!(v instanceof Map<?, ?> m)) {
      problems.add(
          new Problem(
              "earlyStopping",
              "expected a mapping {type, metric, mode, ...}, got " + SweepFiles.kind(v)));
      return d;
    }
    for (Object k : m.keySet()) {
      if (!STOP_KEYS.contains(k))
        problems.add(
            new Problem(
                "earlyStopping." + k,
                "unknown field; known: " + String.join(", ", sorted(STOP_KEYS))));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) m;
    String type =
        enumString(s, "earlyStopping.type", "type", "asha", List.of("none", "asha", "median"));
    String metric = string(s, "metric", d.metric(), "earlyStopping.metric");
    if (!Metric.epochKeys().contains(metric)) {
      problems.add(
          new Problem(
              "earlyStopping.metric",
              "unknown epoch metric '"
                  + metric
                  + "'; early stopping compares one of: "
                  + String.join(", ", Metric.epochKeys())));
    }
    String mode =
        enumString(
            s,
            "earlyStopping.mode",
            "mode",
            Metric.of(metric).map(x -> x.direction() == Metric.Direction.MIN).orElse(false)
                ? "min"
                : "max",
            List.of("max", "min"));
    Integer grace =
        integer(s, "gracePeriod", d.gracePeriod(), 1, 10_000, "earlyStopping.gracePeriod");
    Integer eta =
        integer(s, "reductionFactor", d.reductionFactor(), 2, 100, "earlyStopping.reductionFactor");
    Integer minTrials =
        integer(s, "minTrials", d.minTrials(), 1, 10_000, "earlyStopping.minTrials");
    return new EarlyStopping(type, metric, mode, nz(grace, 1), nz(eta, 3), nz(minTrials, 3));
  }

  private static int nz(Integer v, int d) {
    return v == null ? d : v;
  }

  private String enumString(
      Map<String, Object> m, String path, String key, String d, List<String> known) {
    String s = string(m, key, d, path);
    if (!known.contains(s)) {
      problems.add(
          new Problem(path, "unknown " + key + " '" + s + "'; known: " + String.join(", ", known)));
    }
    return s;
  }

  private String string(Map<String, Object> m, String key, String d) {
    return string(m, key, d, key);
  }

  private String string(Map<String, Object> m, String key, String d, String path) {
    Object v = m.get(key);
    if (v == null) return d;
    if (v instanceof String s && !s.isBlank()) return s;
    problems.add(new Problem(path, "expected a non-empty string, got " + SweepFiles.kind(v)));
    return d;
  }

  private Integer integer(Map<String, Object> m, String key, Integer d, int min, int max) {
    return integer(m, key, d, min, max, key);
  }

  private Integer integer(
      Map<String, Object> m, String key, Integer d, int min, int max, String path) {
    Object v = m.get(key);
    if (v == null) return d;
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      problems.add(
          new Problem(path, "expected an integer, got " + SweepFiles.kind(v) + " '" + v + "'"));
      return d;
    }
    long l = ((Number) v).longValue();
    if (l < min || l > max) {
      problems.add(new Problem(path, "must be between " + min + " and " + max + ", got " + v));
      return d;
    }
    return (int) l;
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
