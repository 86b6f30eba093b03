import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.data.Datasets;
import lab.inception.worker.train.Engines;
import lab.inception.worker.train.TrainingListener;
import lab.inception.worker.train.TrainingRunner;
import lab.inception.worker.train.TrialConfig;
import lab.inception.worker.train.TrialResult;

/**
 * Our engine's side of the throughput bench: the real {@link TrainingRunner} on Fashion-MNIST
 * batches, the recipe of torch_train.py. Options (torch_train.py's names): --model --block --width
 * --stem --image-size --batch-size --aux-weight --threads --steps --warmup --channels-last
 * --precision fp32|bf16 --profile FILE --perf-control FIFO. Prints one JSON line (images/s over the
 * timed steps, and the minor page faults a timed step takes); with --profile, also writes
 * libtorch's profile of the timed steps there (a Chrome trace: see profile.py); with
 * --perf-control, writes "enable" and "disable" to perf record's control FIFO around the timed steps
 * (see perf_ops.sh). {@code gemm N threads} instead prints the
 * GFLOP/s of N×N float32 matrix products (the roofline's peak).
 */
public class ThroughputBench {
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("gemm")) {
      gemm(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      return;
    }
    Map<String, String> o = options(args);
    String model = o.getOrDefault("model", "googlenet-tv");
    int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
    int steps = Integer.parseInt(o.getOrDefault("steps", "12"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
    int batch = Integer.parseInt(o.getOrDefault("batch-size", "128"));
    int imageSize = Integer.parseInt(o.getOrDefault("image-size", "28"));
    boolean channelsLast = o.containsKey("channels-last");
    String profile = o.get("profile");
    String perfControl = o.get("perf-control");
    Map<String, Object> m = new HashMap<>();
    m.put("model", model);
    m.put("block", o.getOrDefault("block", "reduced"));
    m.put("width", Double.parseDouble(o.getOrDefault("width", "0.25")));
    m.put("stem", o.getOrDefault("stem", "small"));
    m.put("imageSize", imageSize == 28 ? 0 : imageSize);
    m.put("dataset", "fashion-mnist");
    m.put("limitTrain", batch * (steps + warmup));
    m.put("limitTest", batch);
    m.put("validationFraction", 0.0);
    m.put("epochs", 1);
    m.put("batchSize", batch);
    m.put("optimizer", "sgd");
    m.put("lr", 0.05);
    m.put("schedule", "constant");
    m.put("gradClip", 0.0); // torch_train.py does not clip; some models' defaults do
    m.put("labelSmoothing", 0.1);
    m.put("auxWeight", Double.parseDouble(o.getOrDefault("aux-weight", "0.3")));
    m.put("threads", threads);
    m.put("device", "cpu");
    m.put("precision", o.getOrDefault("precision", "fp32"));
    TrialConfig cfg = TrialConfig.fromMap(m);
    DataSplits data =
        Datasets.load(
            "fashion-mnist", null, cfg.imageSize(), 0.0, 42, batch * (steps + warmup), batch);
    List<Double> secs = new ArrayList<>();
    long[] faults = new long[2]; // minor page faults at the end of the warm-up and of the last step
    TrainingListener timer =
        new TrainingListener() {
          @Override
          public Action onStep(StepMetrics s) {
            if (s.step() > warmup) secs.add(batch / s.imagesPerSec());
            if (s.step() == warmup) faults[0] = minorFaults();
            if (s.step() == warmup + steps) faults[1] = minorFaults();
            if (profile != null && s.step() == warmup) JniUtils.startProfile(false, true, false);
            if (profile != null && s.step() == warmup + steps) JniUtils.stopProfile(profile);
            if (perfControl != null && s.step() == warmup) perfCommand(perfControl, "enable");
            if (perfControl != null && s.step() == warmup + steps) perfCommand(perfControl, "disable");
            return Action.CONTINUE;
          }
        };
    TrialResult r =
        new TrainingRunner(cfg, data).channelsLast(channelsLast).listener(timer).run();
    double total = secs.stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf(
        "{\"engine\": \"djl-0.36 libtorch-2.7.1\", \"model\": \"%s\", \"block\": \"%s\", \"width\": %s,"
            + " \"stem\": \"%s\", \"imageSize\": %d, \"batchSize\": %d, \"channelsLast\": %s,"
            + " \"threads\": %d, \"precision\": \"%s\", \"imagesPerSec\": %.2f, \"params\": %d,"
            + " \"minorFaultsPerStep\": %d}%n",
        model,
        cfg.block(),
        cfg.width(),
        cfg.stem(),
        imageSize,
        batch,
        channelsLast,
        threads,
        cfg.precision(),
        batch * secs.size() / total,
        r.params(),
        faults[0] < 0 || faults[1] < 0 ? -1 : (faults[1] - faults[0]) / steps);
  }

  /** Writes one command to perf record's control FIFO (perf record --control fifo:FIFO -D -1). */
  private static void perfCommand(String fifo, String command) {
    try {
      Files.writeString(Path.of(fifo), command + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This process's minor page faults so far (field 10 of /proc/self/stat), -1 off Linux. */
  private static long minorFaults() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // the command name (field 2) is in parentheses and may hold spaces: count from after it
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[7]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** --name value pairs; a flag without a value (--channels-last) maps to "true". */
  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("not an option: " + args[i]);
      String name = args[i].substring(2);
      boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
      o.put(name, flag ? "true" : args[++i]);
    }
    return o;
  }

  /** GFLOP/s of N×N·N×N float32 products on this many intra-op threads (best of 5 rounds). */
  private static void gemm(int n, int threads) {
    Engines.configureThreads(threads);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray a = manager.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
      NDArray b = manager.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
      double best = 0;
      for (int round = 0; round < 6; round++) {
        int reps = 4;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          try (NDArray c = a.matMul(b)) {
            c.getFloat(0, 0);
          }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (round > 0) best = Math.max(best, 2.0 * n * n * n * reps / s / 1e9);
      }
      System.out.printf(
          "{\"engine\": \"djl-0.36 libtorch-2.7.1\", \"gemm\": %d, \"threads\": %d, \"gflops\": %.1f}%n",
          n, threads, best);
    }
  }
}
