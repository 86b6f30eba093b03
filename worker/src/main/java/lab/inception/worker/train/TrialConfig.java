package lab.inception.worker.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.data.Datasets;

/**
 * Every parameter of one training trial. The names are the sweep file's parameter names
 * (INTERFACE.md) and the CLI's long options in camelCase; {@link #toMap()} / {@link #fromMap(Map)}
 * convert to and from the JSON object the coordinator stores and sends. Plain Java: the trial
 * process uses it without Vert.x.
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
    String schedule,
    double warmupEpochs,
    int epochs,
    int batchSize,
    long seed,
    double validationFraction,
    int imageSize,
    boolean augment,
    int limitTrain,
    int limitTest,
    String device,
    int threads) {

  /** The defaults a user gets for every parameter left out. */
  public static TrialConfig defaults() {
    return new TrialConfig(
        "googlenet",
        "fashion-mnist",
        null,
        "reduced",
        "small",
        0.25,
        0.3,
        0.0,
        "sgd",
        0.05,
        0.9,
        true,
        5e-4,
        "cosine",
        0.0,
        3,
        128,
        42L,
        0.1,
        0,
        true,
        0,
        0,
        "auto",
        0);
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

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("dataset", dataset);
    if (dataDir != null) m.put("dataDir", dataDir);
    m.put("block", block);
    m.put("stem", stem);
    m.put("width", width);
    m.put("auxWeight", auxWeight);
    m.put("labelSmoothing", labelSmoothing);
    m.put("optimizer", optimizer);
    m.put("lr", lr);
    m.put("momentum", momentum);
    m.put("nesterov", nesterov);
    m.put("weightDecay", weightDecay);
    m.put("schedule", schedule);
    m.put("warmupEpochs", warmupEpochs);
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("seed", seed);
    m.put("validationFraction", validationFraction);
    m.put("imageSize", imageSize);
    m.put("augment", augment);
    m.put("limitTrain", limitTrain);
    m.put("limitTest", limitTest);
    m.put("device", device);
    m.put("threads", threads);
    return m;
  }

  /** Builds a config from a map, taking {@link #defaults()} for every missing key. */
  public static TrialConfig fromMap(Map<String, ?> m) {
    TrialConfig d = defaults();
    return new TrialConfig(
        str(m, "model", d.model),
        str(m, "dataset", d.dataset),
        str(m, "dataDir", d.dataDir),
        str(m, "block", d.block),
        str(m, "stem", d.stem),
        num(m, "width", d.width),
        num(m, "auxWeight", d.auxWeight),
        num(m, "labelSmoothing", d.labelSmoothing),
        str(m, "optimizer", d.optimizer),
        num(m, "lr", d.lr),
        num(m, "momentum", d.momentum),
        bool(m, "nesterov", d.nesterov),
        num(m, "weightDecay", d.weightDecay),
        str(m, "schedule", d.schedule),
        num(m, "warmupEpochs", d.warmupEpochs),
        (int) num(m, "epochs", d.epochs),
        (int) num(m, "batchSize", d.batchSize),
        (long) num(m, "seed", d.seed),
        num(m, "validationFraction", d.validationFraction),
        (int) num(m, "imageSize", d.imageSize),
        bool(m, "augment", d.augment),
        (int) num(m, "limitTrain", d.limitTrain),
        (int) num(m, "limitTest", d.limitTest),
        str(m, "device", d.device),
        (int) num(m, "threads", d.threads));
  }

  private static String str(Map<String, ?> m, String k, String d) {
    Object v = m.get(k);
    return v == null ? d : v.toString();
  }

  private static double num(Map<String, ?> m, String k, double d) {
    Object v = m.get(k);
    if (v == null) return d;
    if (v instanceof Number n) return n.doubleValue();
    return Double.parseDouble(v.toString());
  }

  private static boolean bool(Map<String, ?> m, String k, boolean d) {
    Object v = m.get(k);
    if (v == null) return d;
    if (v instanceof Boolean b) return b;
    return Boolean.parseBoolean(v.toString());
  }
}
