package lab.inception.worker.train;

import io.vertx.core.json.JsonObject;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.protocol.FailureKind;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.protocol.TrialMessage;
import lab.inception.worker.protocol.TrialOutput;

/**
 * The trial process the worker verticle starts: {@code TrialMain --config FILE.json
 * --checkpoint-dir DIR --attempt N}. It resumes by itself from the newest checkpoint in DIR and
 * reports on stdout one JSON object per line — nothing else goes to stdout, logs go to stderr:
 *
 * <pre>
 * {"type":"started","params":..,"macs":..,"attempt":N,"startEpoch":1,"totalSteps":..}
 * {"type":"metric","name":"train_loss","step":120,"epoch":1,"value":0.53,"time":EPOCH-MILLIS}
 * {"type":"epoch","epoch":1,"step":421,"metrics":{"val_loss":..,"val_accuracy":..,"val_top5":..}}
 * {"type":"checkpoint","epoch":1,"path":".."}
 * {"type":"result","testAccuracy":..,"bestValAccuracy":..,"finalValAccuracy":..,"seconds":..,
 *  "imagesPerSec":..,"params":..,"macs":..}
 * {"type":"failure","kind":"bad-input|crash|diverged","message":".."}
 * </pre>
 *
 * The non-metric lines are {@link TrialMessage}s. Step metrics ({@link Metric}: train_loss,
 * aux_loss, train_total_loss, lr, images_per_sec) come every few steps, averaged since the previous
 * report; epoch metrics (val_loss, val_accuracy, val_top5) once per epoch, as metric lines and in
 * the epoch message. Steps are global (counted from the start of training), so a resumed attempt
 * re-emits the same step numbers. Exit status: {@link FailureKind}'s (0 on success, 2 bad input, 3
 * diverged, 1 otherwise).
 */
public final class TrialMain {

  private final PrintStream out;

  TrialMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    PrintStream json =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    System.exit(new TrialMain(json).run(args));
  }

  /** Runs a trial and returns the exit status. */
  int run(String[] args) {
    try {
      Map<String, String> opts = parseArgs(args);
      Path configFile = Path.of(require(opts, "--config"));
      Path checkpointDir = Path.of(require(opts, "--checkpoint-dir"));
      int attempt = Integer.parseInt(opts.getOrDefault("--attempt", "1"));
      TrialConfig cfg = readConfig(configFile);
      Engines.configureThreads(cfg.threads());
      DataSplits data = cfg.loadData();
      TrialResult r =
          new TrainingRunner(cfg, data)
              .checkpoints(checkpointDir, true)
              .listener(new JsonLines(attempt))
              .run();
      emit(new TrialMessage.Result(r));
      System.err.printf(
          java.util.Locale.ROOT,
          "done: test top-1 %.2f%%, best val %.2f%%, %.1f s%n",
          100 * r.testAccuracy(),
          100 * r.bestValAccuracy(),
          r.seconds());
      return FailureKind.EXIT_OK;
    } catch (IllegalArgumentException e) {
      System.err.println("trial: " + e.getMessage());
      return fail(FailureKind.BAD_INPUT, e.getMessage());
    } catch (TrainingDiverged e) {
      System.err.println("trial: " + e.getMessage());
      return fail(FailureKind.DIVERGED, e.getMessage());
    } catch (Throwable e) {
      e.printStackTrace();
      return fail(FailureKind.CRASH, String.valueOf(e));
    }
  }

  private int fail(FailureKind kind, String message) {
    emit(new TrialMessage.Failure(kind, message));
    return kind.exitStatus();
  }

  private static Map<String, String> parseArgs(String[] args) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.equals("--config") && !a.equals("--checkpoint-dir") && !a.equals("--attempt")) {
        throw new IllegalArgumentException(
            "unknown argument '"
                + a
                + "'; usage: TrialMain --config FILE.json --checkpoint-dir DIR --attempt N");
      }
      if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
      m.put(a, args[++i]);
    }
    if (m.containsKey("--attempt")) {
      try {
        Integer.parseInt(m.get("--attempt"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--attempt must be a number, got " + m.get("--attempt"));
      }
    }
    return m;
  }

  private static String require(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v == null) throw new IllegalArgumentException("missing " + key);
    return v;
  }

  /**
   * Reads a trial config: the {@link TrialConfig#toMap()} object, or one wrapping it as "config".
   */
  static TrialConfig readConfig(Path file) {
    JsonObject o;
    try {
      o = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "config " + file + " is not a JSON object: " + e.getMessage());
    }
    if (o.getValue("config") instanceof JsonObject inner) o = inner;
    try {
      return TrialConfig.fromMap(o.getMap());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "config " + file + ": bad number (" + e.getMessage() + ")");
    }
  }

  private void emit(TrialMessage m) {
    emit(TrialOutput.message(m));
  }

  private synchronized void emit(String line) {
    out.println(line);
    out.flush();
  }

  /** Turns listener callbacks into JSON lines, averaging step metrics between reports. */
  private final class JsonLines implements TrainingListener {
    private final int attempt;
    private int every = 1;
    private double lossSum;
    private double auxSum;
    private double totalSum;
    private double ipsSum;
    private int count;

    JsonLines(int attempt) {
      this.attempt = attempt;
    }

    @Override
    public void onStart(long params, long macs, int firstEpoch, long totalSteps) {
      emit(new TrialMessage.Started(params, macs, attempt, firstEpoch, totalSteps));
      log(
          "attempt %d: params %,d, MACs %,d, starting at epoch %d of %d steps",
          attempt, params, macs, firstEpoch, totalSteps);
    }

    @Override
    public Action onStep(StepMetrics s) {
      every = Math.max(1, s.batches() / 10);
      lossSum += s.loss();
      auxSum += s.auxLoss();
      totalSum += s.totalLoss();
      ipsSum += s.imagesPerSec();
      count++;
      if (s.step() % every == 0 || s.batch() == s.batches()) {
        metric(Metric.TRAIN_LOSS, s.step(), s.epoch(), lossSum / count);
        if (!Double.isNaN(auxSum)) metric(Metric.AUX_LOSS, s.step(), s.epoch(), auxSum / count);
        metric(Metric.TRAIN_TOTAL_LOSS, s.step(), s.epoch(), totalSum / count);
        metric(Metric.LR, s.step(), s.epoch(), s.lr());
        metric(Metric.IMAGES_PER_SEC, s.step(), s.epoch(), ipsSum / count);
        lossSum = 0;
        auxSum = 0;
        totalSum = 0;
        ipsSum = 0;
        count = 0;
      }
      return Action.CONTINUE;
    }

    @Override
    public Action onEpoch(EpochMetrics e) {
      Map<Metric, Double> val = new EnumMap<>(Metric.class);
      if (!Double.isNaN(e.valAccuracy())) {
        val.put(Metric.VAL_LOSS, e.valLoss());
        val.put(Metric.VAL_ACCURACY, e.valAccuracy());
        val.put(Metric.VAL_TOP5, e.valTop5());
      }
      val.forEach((k, v) -> metric(k, e.step(), e.epoch(), v));
      emit(new TrialMessage.Epoch(e.epoch(), e.step(), val));
      log(
          "epoch %d/%d: train loss (main) %.4f, aux %.4f, total %.4f; val loss %.4f, top-1 %.2f%%,"
              + " top-5 %.2f%%; %.0f images/s, %.1f s",
          e.epoch(),
          e.epochs(),
          e.trainLoss(),
          e.trainAuxLoss(),
          e.trainTotalLoss(),
          e.valLoss(),
          100 * e.valAccuracy(),
          100 * e.valTop5(),
          e.imagesPerSec(),
          e.seconds());
      return Action.CONTINUE;
    }

    @Override
    public void onCheckpoint(int epoch, Path dir) {
      emit(new TrialMessage.Checkpoint(epoch, dir.toAbsolutePath().toString()));
    }

    /** A line for the attempt's log (stderr), which the worker and the dashboard show. */
    private void log(String format, Object... args) {
      System.err.println(String.format(java.util.Locale.ROOT, format, args));
      System.err.flush();
    }

    private void metric(Metric m, long step, int epoch, double value) {
      emit(TrialOutput.metric(m.key(), step, epoch, value, System.currentTimeMillis()));
    }
  }
}
