package lab.inception.worker.train;

import io.vertx.core.json.JsonObject;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.protocol.TrialOutput;

/**
 * The trial process the worker verticle starts: {@code TrialMain --config FILE.json
 * --checkpoint-dir DIR --attempt N}. It resumes by itself from the newest checkpoint in DIR and
 * reports on stdout one JSON object per line — nothing else goes to stdout, logs go to stderr:
 *
 * <pre>
 * {"type":"started","params":..,"macs":..,"attempt":N,"startEpoch":1,"totalSteps":..}
 * {"type":"metric","name":"train_loss","step":120,"epoch":1,"value":0.53,"time":EPOCH-MILLIS}
 * {"type":"epoch","epoch":1}
 * {"type":"checkpoint","epoch":1,"path":".."}
 * {"type":"result","testAccuracy":..,"bestValAccuracy":..,"finalValAccuracy":..,"seconds":..,
 *  "imagesPerSec":..,"params":..,"macs":..}
 * {"type":"error","message":".."}
 * </pre>
 *
 * Metric names: train_loss, aux_loss, lr, images_per_sec (every few steps, averaged since the
 * previous report), val_loss, val_accuracy, val_top5 (every epoch). Steps are global (counted from
 * the start of training), so a resumed attempt re-emits the same step numbers. The lines are {@link
 * TrialOutput}'s. Exit status 0 on success, 2 for bad input (config, data), 1 otherwise.
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
      JsonObject result = new JsonObject().put("type", "result");
      r.toMap().forEach((k, v) -> result.put(k, finite(v)));
      emit(result);
      return 0;
    } catch (IllegalArgumentException e) {
      emit(new JsonObject().put("type", "error").put("message", e.getMessage()));
      System.err.println("trial: " + e.getMessage());
      return 2;
    } catch (Throwable e) {
      emit(new JsonObject().put("type", "error").put("message", String.valueOf(e)));
      e.printStackTrace();
      return 1;
    }
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

  /** JSON has no NaN: an undefined number (no validation split, say) is written as null. */
  private static Object finite(Object v) {
    return v instanceof Double d && !Double.isFinite(d) ? null : v;
  }

  private void emit(JsonObject o) {
    emit(o.encode());
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
    private double ipsSum;
    private int count;

    JsonLines(int attempt) {
      this.attempt = attempt;
    }

    @Override
    public void onStart(long params, long macs, int firstEpoch, long totalSteps) {
      emit(
          new JsonObject()
              .put("type", "started")
              .put("params", params)
              .put("macs", macs)
              .put("attempt", attempt)
              .put("startEpoch", firstEpoch)
              .put("totalSteps", totalSteps));
    }

    @Override
    public Action onStep(StepMetrics s) {
      every = Math.max(1, s.batches() / 10);
      lossSum += s.loss();
      auxSum += s.auxLoss();
      ipsSum += s.imagesPerSec();
      count++;
      if (s.step() % every == 0 || s.batch() == s.batches()) {
        metric("train_loss", s.step(), s.epoch(), lossSum / count);
        if (!Double.isNaN(auxSum)) metric("aux_loss", s.step(), s.epoch(), auxSum / count);
        metric("lr", s.step(), s.epoch(), s.lr());
        metric("images_per_sec", s.step(), s.epoch(), ipsSum / count);
        lossSum = 0;
        auxSum = 0;
        ipsSum = 0;
        count = 0;
      }
      return Action.CONTINUE;
    }

    @Override
    public Action onEpoch(EpochMetrics e) {
      if (!Double.isNaN(e.valAccuracy())) {
        metric("val_loss", e.step(), e.epoch(), e.valLoss());
        metric("val_accuracy", e.step(), e.epoch(), e.valAccuracy());
        metric("val_top5", e.step(), e.epoch(), e.valTop5());
      }
      emit(new JsonObject().put("type", "epoch").put("epoch", e.epoch()));
      return Action.CONTINUE;
    }

    @Override
    public void onCheckpoint(int epoch, Path dir) {
      emit(
          new JsonObject()
              .put("type", "checkpoint")
              .put("epoch", epoch)
              .put("path", dir.toAbsolutePath().toString()));
    }

    private void metric(String name, long step, int epoch, double value) {
      emit(TrialOutput.metric(name, step, epoch, value, System.currentTimeMillis()));
    }
  }
}
