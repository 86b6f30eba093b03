package lab.inception.coordinator.it;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.protocol.TrialMessage;
import lab.inception.worker.protocol.TrialOutput;
import lab.inception.worker.train.TrialResult;

/**
 * A trial process that speaks TrialMain's stdout contract without training: 5 steps per epoch, a
 * checkpoint file per epoch, resume from the last one; it writes its pid and environment to {@code
 * pid-N} and {@code env-N}. System properties steer it: {@code contract.crashAttempt} (that attempt
 * dies like a native crash in epoch 2), {@code contract.stepMs} (time per step). Used to test
 * supervision, retries and resumption quickly; the end-to-end tests use the real TrialMain.
 */
public final class ContractTrial {
  static final int STEPS = 5;

  /** The variables {@code env-N} records: what ProcessLauncher sets for a training process. */
  static final List<String> ENVIRONMENT =
      List.of("GLIBC_TUNABLES", "OMP_NUM_THREADS", "MKL_NUM_THREADS");

  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[1]);
    Path dir = Path.of(args[3]);
    int attempt = Integer.parseInt(args[5]);
    JsonObject cfg = new JsonObject(Files.readString(config));
    int epochs = cfg.getInteger("epochs");
    double lr = cfg.getDouble("lr");
    int crash = Integer.getInteger("contract.crashAttempt", 0);
    long stepMs = Long.getLong("contract.stepMs", 5L);
    Files.writeString(dir.resolve("pid-" + attempt), String.valueOf(ProcessHandle.current().pid()));
    Files.writeString(dir.resolve("env-" + attempt), environment());
    int resume = 0;
    for (int e = epochs; e >= 1; e--) {
      if (Files.exists(dir.resolve("ckpt-" + e))) {
        resume = e;
        break;
      }
    }
    out(new TrialMessage.Started(1000, 5000, attempt, resume + 1, (long) epochs * STEPS));
    for (int epoch = resume + 1; epoch <= epochs; epoch++) {
      for (int s = 1; s <= STEPS; s++) {
        long step = (long) (epoch - 1) * STEPS + s;
        if (attempt == crash && epoch == 2 && s == 3) Runtime.getRuntime().halt(134);
        metric(Metric.TRAIN_LOSS, step, epoch, 1.0 / step);
        Thread.sleep(stepMs);
      }
      metric(Metric.VAL_ACCURACY, (long) epoch * STEPS, epoch, lr * epoch);
      out(
          new TrialMessage.Epoch(
              epoch, (long) epoch * STEPS, Map.of(Metric.VAL_ACCURACY, lr * epoch)));
      Path ckpt = dir.resolve("ckpt-" + epoch);
      Files.writeString(ckpt, "epoch " + epoch);
      out(new TrialMessage.Checkpoint(epoch, ckpt.toString()));
    }
    out(
        new TrialMessage.Result(
            new TrialResult(
                lr * epochs,
                lr * epochs,
                lr * epochs,
                lr * epochs,
                0.1,
                100.0,
                1000,
                5000,
                epochs,
                false)));
    System.exit(0);
  }

  /** The environment variables a trial process is started with, one NAME=value a line. */
  static String environment() {
    StringBuilder b = new StringBuilder();
    for (String name : ENVIRONMENT)
      b.append(name).append('=').append(System.getenv(name)).append('\n');
    return b.toString();
  }

  static void metric(Metric m, long step, int epoch, double value) {
    System.out.println(TrialOutput.metric(m.key(), step, epoch, value, System.currentTimeMillis()));
    System.out.flush();
  }

  static void out(TrialMessage m) {
    System.out.println(TrialOutput.message(m));
    System.out.flush();
  }
}
