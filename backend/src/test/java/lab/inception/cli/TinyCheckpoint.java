package lab.inception.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lab.inception.worker.data.Datasets;
import lab.inception.worker.train.TrainingRunner;
import lab.inception.worker.train.TrialConfig;

/** A real checkpoint for export tests: googlenet-tv, width 0.125, one epoch of synthetic shapes. */
public final class TinyCheckpoint {
  /** What the checkpoint's network takes and gives: 1×16×16 images, 6 classes. */
  public static final String[] OPTIONS = {
    "--model",
    "googlenet-tv",
    "--stem",
    "small",
    "--width",
    "0.125",
    "--input",
    "1x16x16",
    "--classes",
    "6"
  };

  private TinyCheckpoint() {}

  /** Trains into {@code dir} and returns it (a checkpoint directory). */
  public static Path train(Path dir) {
    Map<String, Object> m = new HashMap<>();
    m.put("model", "googlenet-tv");
    m.put("dataset", "synthetic-shapes");
    m.put("imageSize", 16);
    m.put("stem", "small");
    m.put("width", 0.125);
    m.put("epochs", 1);
    m.put("batchSize", 32);
    m.put("threads", 2);
    m.put("device", "cpu");
    new TrainingRunner(
            TrialConfig.fromMap(m), Datasets.load("synthetic-shapes", null, 16, 0.25, 1, 64, 8))
        .checkpoints(dir, false)
        .log(new PrintStream(PrintStream.nullOutputStream()))
        .run();
    return dir;
  }
}
