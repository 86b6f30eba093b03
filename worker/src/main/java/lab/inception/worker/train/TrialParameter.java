package lab.inception.worker.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import lab.inception.worker.cost.CostLimits;
import lab.inception.worker.data.DatasetCatalog;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelSpec;
import lab.inception.worker.model.ModelZoo;
import lab.inception.worker.model.Precision;

/**
 * The one table of trial parameters: name, type, default, allowed values or range, which models
 * take it, who sets it and a one-line doc. {@link TrialConfig} (its components, defaults and
 * conversions), the sweep file's validation, the {@code train} CLI options, the documentation of
 * the sweep file and {@code GET /api/parameters} all derive from it.
 */
public enum TrialParameter {
  MODEL(
      Type.CHOICE,
      "googlenet",
      "the network (see `inception models`)",
      Scope.SWEEP,
      Choices.of(ModelZoo::names),
      null),
  DATASET(
      Type.DATASET,
      "fashion-mnist",
      "the data: a built-in dataset or imagefolder:PATH (one sub-folder of images per class)",
      Scope.SWEEP,
      Choices.of(DatasetCatalog::names),
      null),
  DATA_DIR(
      Type.PATH,
      null,
      "directory holding the dataset's files (default: the standard places)",
      Scope.SWEEP,
      null,
      null),
  BLOCK(
      Type.CHOICE,
      "reduced",
      "inception module of the GoogLeNet family: 1×1-reduced (Figure 2b), naive (Figure 2a) or"
          + " naive-projected (2a's convolutions, 2b's pool projection)",
      Scope.SWEEP,
      Choices.of(ModelConfig.BlockKind::labels),
      null,
      models(ModelSpec::takesBlockKind)),
  STEM(
      Type.CHOICE,
      "small",
      "imagenet: the paper's down-sampling stem; small: none, for 28–32 px images",
      Scope.SWEEP,
      Choices.of(() -> labels(ModelConfig.Stem.values(), ModelConfig.Stem::label)),
      null),
  WIDTH(
      Type.NUMBER,
      0.25,
      "channel width multiplier (1.0: the paper's network)",
      Scope.SWEEP,
      null,
      Range.closed(1e-6, CostLimits.MAX_WIDTH)),
  AUX_WEIGHT(
      Type.NUMBER,
      0.3,
      "weight of the auxiliary heads' losses in the total (0: no aux heads)",
      Scope.SWEEP,
      null,
      Range.closed(0, 100),
      models(ModelSpec::hasAux)),
  LABEL_SMOOTHING(
      Type.NUMBER,
      0.0,
      "label smoothing ε: targets (1−ε)·one-hot + ε/K",
      Scope.SWEEP,
      null,
      Range.halfOpen(0, 1)),
  OPTIMIZER(
      Type.CHOICE,
      "sgd",
      "optimizer (RMSProp with Inception-v3's decay 0.9 and ε 1.0)",
      Scope.SWEEP,
      Choices.of(
          () -> labels(RecipeOptimizer.Kind.values(), k -> k.name().toLowerCase(Locale.ROOT))),
      null),
  LR(
      Type.NUMBER,
      0.05,
      "base learning rate",
      Scope.SWEEP,
      null,
      new Range(0.0, false, 1000.0, true)),
  MOMENTUM(Type.NUMBER, 0.9, "momentum (SGD, RMSProp)", Scope.SWEEP, null, Range.halfOpen(0, 1)),
  NESTEROV(Type.BOOLEAN, true, "Nesterov momentum (SGD)", Scope.SWEEP, null, null),
  WEIGHT_DECAY(Type.NUMBER, 5e-4, "weight decay", Scope.SWEEP, null, Range.closed(0, 1)),
  GRAD_CLIP(
      Type.NUMBER,
      0.0,
      "clip the gradient to this global L2 norm before each update (0: no clipping)",
      Scope.SWEEP,
      null,
      Range.closed(0, 1e6)),
  SCHEDULE(
      Type.SCHEDULE,
      "cosine",
      "learning-rate schedule: constant, cosine, step (÷10 at thirds) or step:EPOCHS:FACTOR",
      Scope.SWEEP,
      Choices.fixed("constant", "cosine", "step", "step:EPOCHS:FACTOR"),
      null),
  WARMUP_EPOCHS(
      Type.NUMBER,
      0.0,
      "epochs of linear learning-rate warm-up",
      Scope.SWEEP,
      null,
      Range.closed(0, 10_000)),
  EPOCHS(Type.INTEGER, 3, "epochs", Scope.SWEEP, null, Range.closed(1, 10_000)),
  BATCH_SIZE(Type.INTEGER, 128, "images per batch", Scope.SWEEP, null, Range.closed(1, 65_536)),
  SEED(
      Type.INTEGER,
      42L,
      "random seed (initialisation, batches, augmentation, validation split)",
      Scope.SWEEP,
      null,
      Range.closed(0, 9.0e15)),
  VALIDATION_FRACTION(
      Type.NUMBER,
      0.1,
      "share of the training images held out for validation",
      Scope.SWEEP,
      null,
      Range.halfOpen(0, 1)),
  IMAGE_SIZE(
      Type.INTEGER,
      0,
      "resize images to this square side (0: as stored)",
      Scope.SWEEP,
      null,
      Range.closed(0, 1024)),
  AUGMENT(Type.BOOLEAN, true, "random crops with padding and flips", Scope.SWEEP, null, null),
  TTA(
      Type.CHOICE,
      "none",
      "test-time augmentation of the validation and test images: none, or flip (each image and"
          + " its mirror, the two softmaxes averaged)",
      Scope.SWEEP,
      Choices.of(TestTimeAugmentation::labels),
      null),
  PRECISION(
      Type.CHOICE,
      "fp32",
      "arithmetic of the convolutions and linear layers: fp32, or bf16 (autocast-style: bfloat16"
          + " layers from fp32 master weights; batch norm, logits and loss in fp32; fast on CPUs"
          + " with AVX-512-BF16 or AMX and on GPUs)",
      Scope.SWEEP,
      Choices.of(Precision::labels),
      null),
  LIMIT_TRAIN(
      Type.INTEGER,
      0,
      "use only this many training images (0: all)",
      Scope.SWEEP,
      null,
      Range.closed(0, 100_000_000)),
  LIMIT_TEST(
      Type.INTEGER,
      0,
      "use only this many test images (0: all)",
      Scope.SWEEP,
      null,
      Range.closed(0, 100_000_000)),
  DEVICE(
      Type.TEXT,
      "auto",
      "auto, cpu or gpu:N (a worker sets it for its slot)",
      Scope.WORKER,
      null,
      null),
  THREADS(
      Type.INTEGER,
      0,
      "intra-op threads (0: every available core; a worker sets its slot's cores)",
      Scope.WORKER,
      null,
      Range.closed(0, 4096));

  /** What kind of value a parameter takes. */
  public enum Type {
    /** One of a list of strings. */
    CHOICE,
    /** A dataset name or {@code imagefolder:PATH}. */
    DATASET,
    /** A learning-rate schedule: a name or {@code step:EPOCHS[:FACTOR]}. */
    SCHEDULE,
    /** A file-system path. */
    PATH,
    /** Free text. */
    TEXT,
    /** A real number. */
    NUMBER,
    /** A whole number. */
    INTEGER,
    /** true or false. */
    BOOLEAN;

    /** The lower-case name used in documents and the API. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean numeric() {
      return this == NUMBER || this == INTEGER;
    }
  }

  /** Who sets a parameter. */
  public enum Scope {
    /** A sweep file or the {@code train} CLI. */
    SWEEP,
    /** The worker, for its device slot; only the {@code train} CLI may also set it. */
    WORKER
  }

  /**
   * A numeric range; {@code min}/{@code max} null where open, the flags say whether the bound
   * itself is allowed.
   */
  public record Range(Double min, boolean minInclusive, Double max, boolean maxInclusive) {
    static Range closed(double min, double max) {
      return new Range(min, true, max, true);
    }

    static Range halfOpen(double min, double max) {
      return new Range(min, true, max, false);
    }

    boolean contains(double v) {
      boolean lo = min == null || (minInclusive ? v >= min : v > min);
      boolean hi = max == null || (maxInclusive ? v <= max : v < max);
      return lo && hi;
    }

    /** "between 0 and 1", "in [0, 1)", "at least 0", "above 0". */
    public String describe() {
      if (min != null && max != null) {
        return minInclusive && maxInclusive
            ? "between " + fmt(min) + " and " + fmt(max)
            : "in "
                + (minInclusive ? "[" : "(")
                + fmt(min)
                + ", "
                + fmt(max)
                + (maxInclusive ? "]" : ")");
      }
      if (min != null) return (minInclusive ? "at least " : "above ") + fmt(min);
      return (maxInclusive ? "at most " : "below ") + fmt(max);
    }
  }

  /** The allowed values of a choice, computed when first asked (the zoo is built lazily). */
  record Choices(Supplier<List<String>> values) {
    static Choices of(Supplier<List<String>> s) {
      return new Choices(s);
    }

    static Choices fixed(String... values) {
      List<String> l = List.of(values);
      return new Choices(() -> l);
    }
  }

  private final Type type;
  private final Object defaultValue;
  private final String doc;
  private final Scope scope;
  private final Choices choices;
  private final Range range;
  private final Supplier<List<String>> models;
  private final String key;

  TrialParameter(Type type, Object def, String doc, Scope scope, Choices choices, Range range) {
    this(type, def, doc, scope, choices, range, null);
  }

  TrialParameter(
      Type type,
      Object def,
      String doc,
      Scope scope,
      Choices choices,
      Range range,
      Supplier<List<String>> models) {
    this.type = type;
    this.defaultValue = def;
    this.doc = doc;
    this.scope = scope;
    this.choices = choices;
    this.range = range;
    this.models = models;
    this.key = camel(name());
  }

  /** The parameter's name in sweep files, JSON and TrialConfig: {@code auxWeight}. */
  public String key() {
    return key;
  }

  /** The train CLI's long option: {@code --aux-weight}. */
  public String option() {
    return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public Type type() {
    return type;
  }

  /** The default, in its Java type (String, Double, Integer, Long, Boolean), or null for none. */
  public Object defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /**
   * The default for a model: its family's recipe value where {@link RecipeDefaults} has one, else
   * the table's {@link #defaultValue()}.
   */
  public Object defaultFor(String model) {
    return RecipeDefaults.defaultFor(this, model);
  }

  /** The models whose default differs from the table's, each with its default (table order). */
  public Map<String, Object> modelDefaults() {
    return RecipeDefaults.byModel(this);
  }

  /** The default as written in docs and help: {@code 0.0005}, {@code true}; empty for none. */
  public String defaultText() {
    return text(defaultValue);
  }

  /**
   * The default and every model's own, as help and docs write them: {@code 0.05; googlenet: 0.002}.
   */
  public String defaultsText() {
    StringBuilder b = new StringBuilder(defaultText());
    modelDefaults().forEach((m, v) -> b.append("; ").append(m).append(": ").append(text(v)));
    return b.toString();
  }

  private static String text(Object v) {
    if (v == null) return "";
    if (v instanceof Double d) {
      return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  public Scope scope() {
    return scope;
  }

  /** The allowed values of a choice (for a schedule: its forms), empty for other types. */
  public List<String> choices() {
    return choices == null ? List.of() : choices.values().get();
  }

  public Optional<Range> range() {
    return Optional.ofNullable(range);
  }

  /** The models that take this parameter, or empty when every model does. */
  public Optional<List<String>> models() {
    return models == null ? Optional.empty() : Optional.of(models.get());
  }

  /** Whether a model takes this parameter (every model takes one without {@link #models()}). */
  public boolean takenBy(String model) {
    return models().map(ms -> ms.contains(model)).orElse(true);
  }

  private static final Map<String, TrialParameter> BY_KEY =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(TrialParameter::key, Function.identity()));

  /** The parameter of a name, if there is one. */
  public static Optional<TrialParameter> of(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** Every parameter name in table order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(TrialParameter::key).toList();
  }

  /**
   * The value in this parameter's Java type (String, Double, Integer, Long for the seed, Boolean),
   * or null when it is not one. Numeric strings ("1e-3") count as numbers; integers must be whole.
   */
  public Object typed(Object v) {
    if (v == null) return null;
    return switch (type) {
      case CHOICE, DATASET, SCHEDULE, PATH, TEXT -> v instanceof String s ? s : null;
      case BOOLEAN -> v instanceof Boolean b ? b : null;
      case NUMBER -> number(v);
      case INTEGER -> {
        Double d = number(v);
        if (d == null || d != Math.rint(d)) yield null;
        if (defaultValue instanceof Long)
          yield Math.abs(d) < 9.0e15 ? (Object) d.longValue() : null;
        yield d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (Object) d.intValue() : null;
      }
    };
  }

  /** A finite number from a Number or a numeric string, else null. */
  public static Double number(Object v) {
    Double d = null;
    if (v instanceof Number n) d = n.doubleValue();
    else if (v instanceof String s
        && s.strip().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      d = Double.parseDouble(s.strip());
    }
    return d == null || d.isNaN() || d.isInfinite() ? null : d;
  }

  /**
   * Why a value (already {@link #typed}) is not allowed, or null when it is: unknown choice, out of
   * range, malformed schedule or dataset.
   */
  public String whyNot(Object typed) {
    return switch (type) {
      case CHOICE -> oneOf((String) typed, choices());
      case DATASET -> DatasetCatalog.whyNot((String) typed);
      case SCHEDULE ->
          ((String) typed).matches("constant|cosine|step|step:[0-9.]+(:[0-9.]+)?")
              ? null
              : "unknown schedule '" + typed + "'; known: " + String.join(", ", choices());
      case PATH, TEXT -> ((String) typed).isBlank() ? key + " must not be empty" : null;
      case NUMBER, INTEGER -> {
        double d = ((Number) typed).doubleValue();
        yield range == null || range.contains(d)
            ? null
            : key + " must be " + range.describe() + ", got " + fmt(d);
      }
      case BOOLEAN -> null;
    };
  }

  /** What a value of this parameter is, for messages: "a number", "one of sgd, adam, ...". */
  public String expected() {
    return switch (type) {
      case BOOLEAN -> "a boolean";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      default -> "a string";
    };
  }

  private String oneOf(String v, List<String> known) {
    return known.contains(v)
        ? null
        : "unknown " + key + " '" + v + "'; known: " + String.join(", ", known);
  }

  private static <E> List<String> labels(E[] values, Function<E, String> label) {
    return Arrays.stream(values).map(label).toList();
  }

  private static Supplier<List<String>> models(java.util.function.Predicate<ModelSpec> p) {
    return () -> ModelZoo.names().stream().filter(n -> p.test(ModelZoo.spec(n))).toList();
  }

  private static String camel(String constant) {
    String[] parts = constant.toLowerCase(Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString();
  }

  static String fmt(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
