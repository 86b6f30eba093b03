package lab.inception.coordinator.it;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.inception.worker.protocol.TrialOutput;

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
    out(new JsonObject().put("type", "started").put("params", 1000).put("macs", 5000));
    for (int epoch = resume + 1; epoch <= epochs; epoch++) {
      for (int s = 1; s <= STEPS; s++) {
        long step = (long) (epoch - 1) * STEPS + s;
        if (attempt == crash && epoch == 2 && s == 3) Runtime.getRuntime().halt(134);
        metric("train_loss", step, epoch, 1.0 / step);
        Thread.sleep(stepMs);
      }
      metric("val_accuracy", (long) epoch * STEPS, epoch, lr * epoch);
      out(new JsonObject().put("type", "epoch").put("epoch", epoch));
      Path ckpt = dir.resolve("ckpt-" + epoch);
      Files.writeString(ckpt, "epoch " + epoch);
      out(
          new JsonObject()
              .put("type", "checkpoint")
              .put("epoch", epoch)
              .put("path", ckpt.toString()));
    }
    out(
        new JsonObject()
            .put("type", "result")
            .put("testAccuracy", lr * epochs)
            .put("bestValAccuracy", lr * epochs)
            .put("finalValAccuracy", lr * epochs)
            .put("seconds", 0.1)
            .put("imagesPerSec", 100.0)
            .put("params", 1000)
            .put("macs", 5000));
    System.exit(0);
  }

  /** The environment variables a trial process is started with, one NAME=value a line. */
  static String environment() {
    StringBuilder b = new StringBuilder();
    for (String name : ENVIRONMENT)
      b.append(name).append('=').append(System.getenv(name)).append('\n');
    return b.toString();
  }

  static void metric(String name, long step, int epoch, double value) {
    System.out.println(TrialOutput.metric(name, step, epoch, value, System.currentTimeMillis()));
    System.out.flush();
  }

  static void out(JsonObject j) {
    System.out.println(j.encode());
    System.out.flush();
  }
}
