package lab.inception.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.cluster.ClusterConfig;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.coordinator.sweep.DataPolicy;
import lab.inception.worker.verticle.ProcessLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inception serve}: coordinator + HTTP API + dashboard + local workers. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the coordinator, the HTTP API and dashboard, and local workers (the embedded default).")
final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default 8080; 0: any free port)")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "HTTP interface (default 127.0.0.1; others need a token)")
  String host;

  @Option(
      names = "--token",
      description =
          "access token every /api call must carry (or env INCEPTION_TOKEN); required when bound"
              + " beyond loopback, honoured on any address")
  String token;

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      split = ",",
      description =
          "a further name the Host header may carry (a reverse proxy's; repeatable). Pages of this"
              + " name (or NAME:PORT) may also send commands. Env INCEPTION_ALLOWED_HOSTS: a comma-separated"
              + " list.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--max-event-clients",
      defaultValue = "" + HttpConfig.DEFAULT_MAX_EVENT_CLIENTS,
      description = "how many /api/events streams may be open at once (default 64; beyond: 503)")
  int maxEventClients;

  @Option(names = "--data-dir", description = "database directory (default ~/.inception)")
  Path dataDir;

  @Option(
      names = "--datasets-root",
      paramLabel = "DIR",
      description =
          "the folder a sweep's imagefolder:PATH must lie under, PATH relative to it (default"
              + " DATA_DIR/datasets; env INCEPTION_DATASETS_ROOT; a shared volume in a cluster)")
  Path datasetsRoot;

  @Option(
      names = "--allow-data-dir",
      description =
          "let sweeps set the dataDir parameter: any folder this server's workers can read"
              + " (default: refused)")
  boolean allowDataDir;

  @Option(
      names = "--checkpoint-dir",
      description =
          "trial checkpoints (default DATA_DIR/checkpoints; a shared volume in a cluster)")
  Path checkpointDir;

  @Option(names = "--workers", description = "local worker slots (default 1; 0 with --cluster)")
  Integer workers;

  @Option(
      names = "--devices",
      defaultValue = "auto",
      description = "local workers' devices: auto | cpu | gpu:0,1")
  String devices;

  @Option(
      names = "--lease-seconds",
      defaultValue = "30",
      description = "a trial's lease without heartbeat (default 30)")
  int leaseSeconds;

  @Option(names = "--cluster", description = "join a Hazelcast cluster of workers")
  boolean cluster;

  @Mixin ClusterOptions clusterOptions;

  /**
   * What sweeps may read: image folders under {@code --datasets-root}, else the environment's root,
   * else {@code DATA_DIR/datasets}; dataDir only with {@code --allow-data-dir}.
   */
  DataPolicy dataPolicy(Path data, String envRoot) {
    Path root =
        datasetsRoot != null
            ? datasetsRoot
            : envRoot != null && !envRoot.isBlank() ? Path.of(envRoot) : data.resolve("datasets");
    return new DataPolicy(root, allowDataDir);
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535)
      throw new IllegalArgumentException("--port must be 0..65535 (got " + port + ")");
    if (leaseSeconds < 1) throw new IllegalArgumentException("--lease-seconds must be at least 1");
    int w = workers != null ? workers : cluster ? 0 : 1;
    if (w < 0) throw new IllegalArgumentException("--workers must be 0 or more (got " + w + ")");
    String tok = token != null ? token : System.getenv("INCEPTION_TOKEN");
    List<String> hosts = new ArrayList<>(allowedHosts);
    String envHosts = System.getenv("INCEPTION_ALLOWED_HOSTS");
    if (hosts.isEmpty() && envHosts != null && !envHosts.isBlank()) {
      for (String h : envHosts.split(",")) if (!h.isBlank()) hosts.add(h.trim());
    }
    Path data = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".inception");
    DataPolicy policy = dataPolicy(data, System.getenv("INCEPTION_DATASETS_ROOT"));
    HttpConfig http = new HttpConfig(host, port, tok, hosts, maxEventClients, policy).checked();
    Path ckpt = checkpointDir != null ? checkpointDir : data.resolve("checkpoints");
    ClusterConfig cc = cluster ? clusterOptions.config() : null;
    Server.Options o =
        new Server.Options(
            data, ckpt, http, cc, w, devices, leaseSeconds * 1000L, ProcessLauncher.standard());
    Server server = Server.start(o);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  done.countDown();
                }));
    System.out.println(
        "Inception Lab serving on http://"
            + host
            + ":"
            + server.port()
            + " (data in "
            + data
            + ", "
            + w
            + " local worker slot"
            + (w == 1 ? "" : "s")
            + (cc != null ? ", cluster member at " + cc.host() : "")
            + ")");
    System.out.flush();
    done.await();
    return 0;
  }
}
