package lab.inception.cli;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lab.inception.coordinator.cluster.Cluster;
import lab.inception.worker.verticle.ProcessLauncher;
import lab.inception.worker.verticle.TrainingWorkerVerticle;
import lab.inception.worker.verticle.WorkerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inception worker}: joins the coordinator's cluster and runs trials on its devices. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = "Join the coordinator's cluster and run trials on this machine's devices.")
final class WorkerCommand implements Callable<Integer> {

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--devices",
      defaultValue = "auto",
      description = "auto | cpu | gpu:0,1 (one trial per GPU)")
  String devices;

  @Option(names = "--slots", defaultValue = "1", description = "concurrent CPU trials (default 1)")
  int slots;

  @Option(names = "--heartbeat-ms", defaultValue = "2000", hidden = true)
  long heartbeatMs;

  @Option(
      names = "--trial-main",
      defaultValue = ProcessLauncher.TRIAL_MAIN,
      hidden = true,
      description = "the trial process's main class")
  String trialMain;

  @Option(
      names = "--trial-jvm-option",
      hidden = true,
      description = "an option for the trial JVMs (repeatable)")
  List<String> trialJvmOptions = List.of();

  @Override
  public Integer call() throws Exception {
    if (slots < 1)
      throw new IllegalArgumentException("--slots must be at least 1 (got " + slots + ")");
    String dev = devices.equals("auto") ? autoDevices() : devices;
    WorkerConfig wc =
        new WorkerConfig(
            WorkerConfig.newId(),
            WorkerConfig.slots(dev, slots, Runtime.getRuntime().availableProcessors()),
            heartbeatMs,
            2000,
            25);
    Vertx vertx = Cluster.start(cluster.config()).toCompletionStage().toCompletableFuture().get();
    vertx
        .deployVerticle(
            new TrainingWorkerVerticle(wc, new ProcessLauncher(trialMain, trialJvmOptions, 5000)))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    System.out.println(
        "worker "
            + wc.id()
            + " joined the cluster ("
            + Cluster.size(vertx)
            + " members) with "
            + wc.slots().size()
            + " slot(s): "
            + wc.slots().stream().map(s -> s.device()).toList());
    System.out.flush();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    vertx.close().toCompletionStage().toCompletableFuture().get();
                  } catch (Exception e) {
                    // exiting anyway
                  }
                  done.countDown();
                }));
    done.await();
    return 0;
  }

  /** GPUs the NVIDIA driver lists, else the CPU. */
  static String autoDevices() {
    Path gpus = Path.of("/proc/driver/nvidia/gpus");
    try (var s = Files.list(gpus)) {
      long n = s.count();
      if (n > 0) {
        StringBuilder b = new StringBuilder("gpu:");
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ",").append(i);
        return b.toString();
      }
    } catch (java.io.IOException e) {
      // no NVIDIA driver
    }
    return "cpu";
  }
}
