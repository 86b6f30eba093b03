package lab.inception.worker.train;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.data.Datasets;

/**
 * Every parameter of one training trial, typed. The components are {@link TrialParameter}'s rows in
 * table order (checked when the class loads, so a parameter added there and not here fails every
 * test); defaults and the {@link #toMap()} / {@link #fromMap(Map)} conversions to the JSON object
 * the coordinator stores and sends come from the table. Plain Java: the trial process uses it
 * without Vert.x.
 */
public record TrialConfig(
    String model,
    String dataset,
    String dataDir,
    String block,
    String stem,
    double width,
    double auxWeight,
    double labelSmoothing,
    String optimizer,
    double lr,
    double momentum,
    boolean nesterov,
    double weightDecay,
    double gradClip,
    String schedule,
    double warmupEpochs,
    int epochs,
    int batchSize,
    long seed,
    double validationFraction,
    int imageSize,
    boolean augment,
    String tta,
    String precision,
    int limitTrain,
    int limitTest,
    String device,
    int threads) {

  /** The record's components in order, each checked against its row of the table. */
  private static final List<RecordComponent> COMPONENTS = components();

  private static final java.lang.reflect.Constructor<TrialConfig> CANONICAL = canonical();

  private static java.lang.reflect.Constructor<TrialConfig> canonical() {
    try {
      return TrialConfig.class.getDeclaredConstructor(
          COMPONENTS.stream().map(RecordComponent::getType).toArray(Class<?>[]::new));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<RecordComponent> components() {
    List<RecordComponent> cs = List.of(TrialConfig.class.getRecordComponents());
    List<String> names = cs.stream().map(RecordComponent::getName).toList();
    if (!names.equals(TrialParameter.keys())) {
      throw new IllegalStateException(
          "TrialConfig's components "
              + names
              + " differ from TrialParameter's "
              + TrialParameter.keys());
    }
    for (RecordComponent c : cs) {
      TrialParameter p = TrialParameter.of(c.getName()).orElseThrow();
      Class<?> want =
          switch (p.type()) {
            case NUMBER -> double.class;
            case INTEGER -> p.defaultValue() instanceof Long ? long.class : int.class;
            case BOOLEAN -> boolean.class;
            default -> String.class;
          };
      if (c.getType() != want) {
        throw new IllegalStateException(
            "TrialConfig." + c.getName() + " is " + c.getType() + ", its parameter is " + p.type());
      }
    }
    return cs;
  }

  /** The defaults a user gets for every parameter left out (the default model's). */
  public static TrialConfig defaults() {
    return fromMap(Map.of());
  }

  /** Every parameter by name, in table order; a parameter without a value is left out. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : COMPONENTS) {
      try {
        Object v = c.getAccessor().invoke(this);
        if (v != null) m.put(c.getName(), v);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }

  /**
   * Builds a config from a map (the stored JSON object, a CLI's options), taking the default for
   * the map's model ({@link TrialParameter#defaultFor}) for every missing key.
   *
   * @throws IllegalArgumentException naming the first value that is not of its parameter's type
   */
  public static TrialConfig fromMap(Map<String, ?> m) {
    Object[] args = new Object[COMPONENTS.size()];
    String model =
        TrialParameter.MODEL.typed(m.get(TrialParameter.MODEL.key())) instanceof String s
            ? s
            : (String) TrialParameter.MODEL.defaultValue();
    for (int i = 0; i < args.length; i++) {
      RecordComponent c = COMPONENTS.get(i);
      TrialParameter p = TrialParameter.of(c.getName()).orElseThrow();
      Object raw = m.get(c.getName());
      Object v = raw == null ? p.defaultFor(model) : p.typed(raw);
      if (raw != null && v == null) {
        throw new IllegalArgumentException(
            c.getName() + " must be " + p.expected() + ", got '" + raw + "'");
      }
      args[i] = v;
    }
    try {
      return CANONICAL.newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads this trial's dataset: its splits, image size and slices. */
  public DataSplits loadData() {
    return Datasets.load(
        dataset,
        dataDir == null ? null : Path.of(dataDir),
        imageSize,
        validationFraction,
        seed,
        limitTrain,
        limitTest);
  }
}
