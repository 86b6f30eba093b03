package lab.inception.worker.verticle;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.inception.worker.protocol.FailureKind;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.TrialMessage;
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

  /**
   * The command and environment of a trial process in a slot: what {@link #launch} starts. A slot
   * for GPU N exposes only that GPU ({@code CUDA_VISIBLE_DEVICES=N}), so the trial sees it as
   * {@code gpu:0}.
   *
   * @param command the java command line
   * @param environment the process's whole environment
   * @param config the trial config the process reads, device and threads set for the slot
   */
  record Launch(List<String> command, Map<String, String> environment, JsonObject config) {}

  Launch plan(Lease lease, Slot slot, Path configFile, Path dir, Map<String, String> baseEnv) {
    String device = slot.device();
    Map<String, String> env = new LinkedHashMap<>(baseEnv);
    TrainingEnvironment.apply(env, slot.threads());
    if (device.startsWith("gpu:")) {
      env.put("CUDA_VISIBLE_DEVICES", device.substring(4));
      device = "gpu:0";
    }
    JsonObject cfg = lease.config().copy().put("device", device).put("threads", slot.threads());
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
            configFile.toString(),
            "--checkpoint-dir",
            dir.toString(),
            "--attempt",
            String.valueOf(lease.attempt())));
    return new Launch(cmd, env, cfg);
  }

  @Override
  public Running launch(Lease lease, Slot slot, Output output) throws IOException {
    Path dir = Path.of(lease.checkpointDir());
    Files.createDirectories(dir);
    Path config = dir.resolve("attempt-" + lease.attempt() + "-config.json");
    Launch plan = plan(lease, slot, config, dir, System.getenv());
    Files.writeString(config, plan.config().encodePrettily());
    Path log = dir.resolve("attempt-" + lease.attempt() + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(plan.command())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().clear();
    pb.environment().putAll(plan.environment());
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
    List<String> tail = LogTail.read(log);
    output.exited(
        new TrialMessage.Exited(
            code,
            code == FailureKind.EXIT_OK ? null : reason(code, tail),
            tail.isEmpty() ? null : String.join("\n", tail)));
  }

  private static String reason(int code, List<String> tail) {
    String why = "exit status " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "");
    for (int i = tail.size() - 1; i >= 0; i--) {
      String l = tail.get(i).strip();
      if (!l.isEmpty() && !l.startsWith("at "))
        return why + ": " + (l.length() > 300 ? l.substring(0, 300) : l);
    }
    return why;
  }
}
