package lab.inception.worker.verticle;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.train.TrainingEnvironment;

/**
 * Runs each trial in its own JVM: the same java and class path as the worker, {@code
 * -Dai.djl.offline=true}, thread count = the slot's cores, the {@link TrainingEnvironment}, started
 * through {@link ChildMain} so it dies with its worker. stdout (JSON lines) is read on a thread of
 * its own; stderr goes to {@code attempt-N.log} in the checkpoint directory, whose last line
 * explains a failure. A native crash or an out-of-memory ends this process only.
 */
public final class ProcessLauncher implements TrialLauncher {
  /** The trial main class of the training engine. */
  public static final String TRIAL_MAIN = "lab.inception.worker.train.TrialMain";

  private final String mainClass;
  private final List<String> jvmOptions;
  private final long stopGraceMs;

  /**
   * @param mainClass the class whose {@code main(--config F --checkpoint-dir D --attempt N)} runs a
   *     trial
   * @param jvmOptions extra options for the child JVM (e.g. {@code -Xmx2g})
   * @param stopGraceMs how long a stopped trial may take before it is killed
   */
  public ProcessLauncher(String mainClass, List<String> jvmOptions, long stopGraceMs) {
    this.mainClass = mainClass;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.stopGraceMs = stopGraceMs;
  }

  public static ProcessLauncher standard() {
    return new ProcessLauncher(TRIAL_MAIN, List.of(), 5000);
  }

  @Override
  public Running launch(Lease lease, Slot slot, Output output) throws IOException {
    Path dir = Path.of(lease.checkpointDir());
    Files.createDirectories(dir);
    JsonObject cfg =
        lease.config().copy().put("device", slot.device()).put("threads", slot.threads());
    Path config = dir.resolve("attempt-" + lease.attempt() + "-config.json");
    Files.writeString(config, cfg.encodePrettily());
    Path log = dir.resolve("attempt-" + lease.attempt() + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dai.djl.pytorch.num_threads=" + slot.threads());
    cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
    cmd.add("-XX:ActiveProcessorCount=" + Math.max(1, slot.threads()));
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChildMain.class.getName());
    cmd.add(mainClass);
    cmd.addAll(
        List.of(
            "--config",
            config.toString(),
            "--checkpoint-dir",
            dir.toString(),
            "--attempt",
            String.valueOf(lease.attempt())));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    TrainingEnvironment.apply(pb.environment(), slot.threads());
    if (slot.device().startsWith("gpu:"))
      pb.environment().put("CUDA_VISIBLE_DEVICES", slot.device().substring(4));
    Process p = pb.start();
    Thread reader =
        new Thread(() -> read(p, log, output), "trial-" + lease.trial() + "-" + lease.attempt());
    reader.setDaemon(true);
    reader.start();
    return () -> stop(p);
  }

  private void stop(Process p) {
    p.destroy();
    p.onExit()
        .orTimeout(stopGraceMs, TimeUnit.MILLISECONDS)
        .exceptionally(
            t -> {
              p.destroyForcibly();
              return p;
            });
  }

  private static void read(Process p, Path log, Output output) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) output.line(line);
    } catch (IOException e) {
      // the process is gone; its exit status says why
    }
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      code = -1;
    }
    output.exited(code, code == 0 ? null : reason(code, log));
  }

  private static String reason(int code, Path log) {
    String why = "exit status " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "");
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String l = lines.get(i).strip();
        if (!l.isEmpty() && !l.startsWith("at "))
          return why + ": " + (l.length() > 300 ? l.substring(0, 300) : l);
      }
    } catch (IOException e) {
      // no log: the status is all there is
    }
    return why;
  }
}
