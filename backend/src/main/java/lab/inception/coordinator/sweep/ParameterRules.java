package lab.inception.coordinator.sweep;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.inception.worker.train.TrialConfig;

/**
 * The type and the allowed values of every trial parameter. The names and types come from {@link
 * TrialConfig}'s components, so a parameter added there is accepted here.
 */
final class ParameterRules {

  /** Set by the worker for its device slot, never by a sweep. */
  static final Set<String> WORKER_OWNED = Set.of("device", "threads");

  static final List<String> BLOCKS = List.of("naive", "reduced");
  static final List<String> STEMS = List.of("imagenet", "small");
  static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw", "rmsprop");
  static final List<String> SCHEDULES = List.of("constant", "cosine", "step", "step:EPOCHS:FACTOR");
  static final List<String> DATASETS = List.of("fashion-mnist", "cifar10", "synthetic-shapes");

  private static final Map<String, Class<?>> TYPES = new LinkedHashMap<>();

  static {
    for (RecordComponent c : TrialConfig.class.getRecordComponents()) {
      TYPES.put(c.getName(), c.getType());
    }
  }

  private ParameterRules() {}

  static Set<String> names() {
    return TYPES.keySet();
  }

  static Class<?> type(String name) {
    return TYPES.get(name);
  }

  /**
   * Checks one value of a parameter and returns it in its proper Java type, or reports a problem
   * and returns null.
   */
  static Object check(String name, Object v, String path, List<Problem> out) {
    Class<?> t = TYPES.get(name);
    Object typed = typed(t, v);
    if (typed == null) {
      out.add(
          new Problem(
              path, "expected " + typeName(t) + ", got " + SweepFiles.kind(v) + describe(v)));
      return null;
    }
    String why = range(name, typed);
    if (why != null) {
      out.add(new Problem(path, why));
      return null;
    }
    return typed;
  }

  static String typeName(Class<?> t) {
    if (t == String.class) return "a string";
    if (t == boolean.class) return "a boolean";
    if (t == int.class || t == long.class) return "an integer";
    return "a number";
  }

  private static String describe(Object v) {
    return v instanceof String || v instanceof Number || v instanceof Boolean ? " '" + v + "'" : "";
  }

  /** The value in type t, or null when it is not one. Numeric strings ("1e-3") count as numbers. */
  static Object typed(Class<?> t, Object v) {
    if (v == null) return null;
    if (t == String.class) return v instanceof String s ? s : null;
    if (t == boolean.class) return v instanceof Boolean b ? b : null;
    Double d = number(v);
    if (d == null || d.isNaN() || d.isInfinite()) return null;
    if (t == double.class) return d;
    if (d != Math.rint(d)) return null;
    if (t == int.class) {
      return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (Object) d.intValue() : null;
    }
    return Math.abs(d) < 9.0e15 ? (Object) d.longValue() : null;
  }

  static Double number(Object v) {
    if (v instanceof Number n) return n.doubleValue();
    if (v instanceof String s && s.strip().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return Double.parseDouble(s.strip());
    }
    return null;
  }

  /** Why a typed value is out of range for its parameter, or null. */
  private static String range(String name, Object v) {
    return switch (name) {
      case "model" -> oneOf("model", (String) v, ModelCatalog.names());
      case "block" -> oneOf("block", (String) v, BLOCKS);
      case "stem" -> oneOf("stem", (String) v, STEMS);
      case "optimizer" -> oneOf("optimizer", (String) v, OPTIMIZERS);
      case "schedule" ->
          ((String) v).matches("constant|cosine|step|step:[0-9.]+(:[0-9.]+)?")
              ? null
              : "unknown schedule '" + v + "'; known: " + String.join(", ", SCHEDULES);
      case "dataset" -> dataset((String) v);
      case "lr" -> positive(v, "learning rate");
      case "width" -> between(v, 1e-6, 8.0, "width multiplier");
      case "auxWeight", "weightDecay", "warmupEpochs" -> atLeast(v, 0, name);
      case "labelSmoothing", "momentum", "validationFraction" -> half(v, name);
      case "epochs", "batchSize" -> between(v, 1, 1_000_000, name);
      case "limitTrain", "limitTest", "imageSize" -> atLeast(v, 0, name);
      default -> null;
    };
  }

  static String dataset(String v) {
    if (v.startsWith("imagefolder:")) {
      return v.length() > "imagefolder:".length()
          ? null
          : "imagefolder: needs a path (imagefolder:PATH)";
    }
    return DATASETS.contains(v)
        ? null
        : "unknown dataset '"
            + v
            + "'; known: "
            + String.join(", ", DATASETS)
            + ", imagefolder:PATH";
  }

  private static String oneOf(String what, String v, List<String> known) {
    return known.contains(v)
        ? null
        : "unknown " + what + " '" + v + "'; known: " + String.join(", ", known);
  }

  private static String positive(Object v, String what) {
    return ((Number) v).doubleValue() > 0 ? null : what + " must be positive, got " + v;
  }

  private static String atLeast(Object v, double min, String what) {
    return ((Number) v).doubleValue() >= min
        ? null
        : what + " must be at least " + fmt(min) + ", got " + v;
  }

  private static String between(Object v, double min, double max, String what) {
    double d = ((Number) v).doubleValue();
    return d >= min && d <= max
        ? null
        : what + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + v;
  }

  private static String half(Object v, String what) {
    double d = ((Number) v).doubleValue();
    return d >= 0 && d < 1 ? null : what + " must be in [0, 1), got " + v;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
