import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.vertx.core.Vertx;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.cluster.ClusterConfig;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.worker.protocol.TrialOutput;
import lab.inception.worker.verticle.ProcessLauncher;

/**
 * Metric streaming: trial processes (one per slot, real child JVMs printing metric JSON lines at a
 * target rate) → worker verticle → event bus → coordinator (store + event hub) → {@code
 * /api/events} → an SSE client. Prints points/s delivered to the client and the latency from a
 * point's emission to its arrival, p50 and p99 (target: ≥ 100,000 points/s, p99 ≤ 250 ms).
 *
 * <p>Usage: {@code bench/streaming/run [--points 500000] [--rate 125000] [--slots 2] [--runs 2] [--cluster]}: a warm-up run
 * (the JIT compiles the pipeline), then the measured runs, each a sweep of its own. With {@code
 * --cluster} the coordinator is a Hazelcast member and the trials run under a worker JVM of its
 * own (the points cross the clustered event bus); otherwise the worker is in the coordinator's JVM.
 */
public final class StreamingBench {

  public static void main(String[] args) throws Exception {
    int points = intArg(args, "--points", 500_000);
    int rate = intArg(args, "--rate", 125_000);
    int slots = intArg(args, "--slots", 2);
    int runs = intArg(args, "--runs", 2);
    boolean cluster = Arrays.asList(args).contains("--cluster");
    Path dir = Files.createTempDirectory("inception-bench-stream");
    int perTrial = points / slots;
    List<String> emitterOptions = List.of("-Dbench.points=" + perTrial, "-Dbench.rate=" + rate / slots, "-Xmx256m");
    ProcessLauncher emitters = new ProcessLauncher(Emitter.class.getName(), emitterOptions, 2000);
    String clusterName = "stream-bench-" + ProcessHandle.current().pid();
    int clusterPort = 5911;
    ClusterConfig cc = cluster ? ClusterConfig.of("127.0.0.1", "127.0.0.1", clusterPort, 10, clusterName, 0) : null;
    Server.Options o = new Server.Options(dir, dir.resolve("ckpt"), new HttpConfig("127.0.0.1", 0, null), cc, cluster ? 0 : slots, "cpu", 30_000, emitters);
    Vertx clientVertx = Vertx.vertx();
    Process worker = null;
    try (Server server = Server.start(o)) {
      if (cluster) worker = startWorker(dir, clusterPort, clusterName, slots, emitterOptions);
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newHttpClient();
      // the server computes the model table once at start; let that finish, as it would long before a
      // real sweep streams at this rate
      http.send(HttpRequest.newBuilder(URI.create(base + "/api/models")).build(), HttpResponse.BodyHandlers.discarding());
      System.out.println();
      System.out.println("| run | trial processes | target points/s | points delivered | seconds | points/s | SSE batches | latency p50 (ms) | latency p99 (ms) | max (ms) |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      Map<String, Long> cpu = null;
      for (int run = 0; run <= runs; run++) {
        Counter c;
        try (CpuMeter meter = new CpuMeter()) {
          c = sweep(clientVertx, http, server.port(), slots, points);
          cpu = meter.stop();
        }
        double secs = (c.lastArrival - c.firstEmit) / 1e6;
        double[] l = Arrays.copyOf(c.latency, c.sampled);
        Arrays.sort(l);
        System.out.printf("| %s | %d | %,d | %,d | %.2f | %,.0f | %d | %.1f | %.1f | %.1f |%n",
            run == 0 ? "warm-up" : String.valueOf(run), slots, rate, c.got, secs, c.got / secs, c.batches, pct(l, 50), pct(l, 99), l.length == 0 ? Double.NaN : l[l.length - 1]);
      }
      System.out.println();
      System.out.println("CPU seconds of this JVM's threads during the last run, from its sweep's submission to its last point (the trial processes not included):");
      System.out.println();
      System.out.println("| threads | CPU s |");
      System.out.println("|---|---:|");
      cpu.entrySet().stream()
          .filter(e -> e.getValue() >= 20)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> System.out.printf("| %s | %.2f |%n", e.getKey(), e.getValue() / 100.0));
    } finally {
      if (worker != null) worker.destroyForcibly();
    }
    System.exit(0);
  }

  /** A worker JVM ({@code inception worker}) in the coordinator's cluster, its trials the emitters. */
  static Process startWorker(Path dir, int clusterPort, String clusterName, int slots, List<String> emitterOptions) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), "lab.inception.cli.Main", "worker",
        "--cluster-host", "127.0.0.1", "--cluster-members", "127.0.0.1", "--cluster-port", String.valueOf(clusterPort),
        "--cluster-name", clusterName, "--devices", "cpu", "--slots", String.valueOf(slots),
        "--trial-main", Emitter.class.getName()));
    for (String opt : emitterOptions) cmd.add("--trial-jvm-option=" + opt);
    Path log = dir.resolve("worker.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (!Files.readString(log).contains("joined the cluster")) {
      if (!p.isAlive() || System.currentTimeMillis() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("the worker JVM did not join the cluster:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    System.out.println("worker JVM " + p.pid() + " joined the cluster");
    return p;
  }

  /** Opens /api/events, submits a sweep of one trial per slot and counts its points as they come. */
  static Counter sweep(Vertx clientVertx, HttpClient http, int port, int slots, int points) throws Exception {
    Counter counter = new Counter(points);
    // the SSE client: Vert.x's HTTP client on its own event loop, scanning the bytes as they come
    io.vertx.core.http.HttpClient sse = clientVertx.createHttpClient();
    CompletableFuture<Void> open = new CompletableFuture<>();
    sse.request(io.vertx.core.http.HttpMethod.GET, port, "127.0.0.1", "/api/events")
        .compose(io.vertx.core.http.HttpClientRequest::send)
        .onSuccess(
            resp -> {
              resp.handler(counter::feed)
                  .exceptionHandler(counter.done::completeExceptionally)
                  .endHandler(v -> counter.done.completeExceptionally(new IllegalStateException("the server ended the stream")));
              open.complete(null);
            })
        .onFailure(open::completeExceptionally);
    open.get(30, TimeUnit.SECONDS);
    StringBuilder seeds = new StringBuilder();
    for (int i = 0; i < slots; i++) seeds.append(i == 0 ? "" : ", ").append(i);
    String sweep = "name: stream-bench\nparameters:\n  model: googlenet\n  stem: small\n  seed: [" + seeds + "]\n";
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sweeps")).header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(sweep)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) throw new IllegalStateException(r.body());
    try {
      counter.done.get(600, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.out.println("timed out with " + counter.got + " of " + points + " points");
    }
    sse.close();
    return counter;
  }

  /**
   * Counts the points of the SSE byte stream without building JSON: each {@code "time":"} is a
   * point; every tenth one's time is parsed for the latency. A pattern may straddle two buffers, so
   * the last few bytes wait for the next one.
   */
  static final class Counter {
    private static final String TIME = "\"time\":\"";
    private static final String BATCH = "\nevent: batch\n";
    private static final int KEEP = TIME.length() + 30;

    final CompletableFuture<Void> done = new CompletableFuture<>();
    final double[] latency;
    final int points;
    int got;
    int sampled;
    int batches;
    long firstEmit = Long.MAX_VALUE;
    long lastArrival;
    private String carry = "";

    Counter(int points) {
      this.points = points;
      this.latency = new double[points / 10 + 1];
    }

    /** Scans with String.indexOf (an intrinsic) over the bytes as Latin-1: no per-byte loop here. */
    void feed(io.vertx.core.buffer.Buffer b) {
      Instant now = Instant.now();
      long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
      String s = carry + b.toString(StandardCharsets.ISO_8859_1);
      int end = s.length() - KEEP;
      int next = 0;
      for (int at = s.indexOf(TIME); at >= 0 && at < end && got < points; at = s.indexOf(TIME, at + 1)) {
        if (got % 10 == 0) {
          int from = at + TIME.length();
          Instant t = Instant.parse(s.substring(from, s.indexOf('"', from)));
          long emitted = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
          firstEmit = Math.min(firstEmit, emitted);
          latency[sampled++] = (nowMicros - emitted) / 1000.0;
        }
        got++;
        lastArrival = nowMicros;
        next = at + 1;
      }
      for (int at = s.indexOf(BATCH); at >= 0 && at < end; at = s.indexOf(BATCH, at + 1)) {
        batches++;
        next = Math.max(next, at + 1);
      }
      carry = s.substring(Math.max(next, Math.max(0, end)));
      if (got >= points) done.complete(null);
    }
  }

  /** A trial process that prints metric lines (a real trial's, {@link TrialOutput}) at a steady rate, then a result. */
  public static final class Emitter {
    public static void main(String[] args) throws Exception {
      int n = Integer.getInteger("bench.points", 100_000);
      int rate = Integer.getInteger("bench.rate", 50_000);
      var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
      out.println("{\"type\":\"started\",\"params\":1000,\"macs\":5000}");
      long start = System.nanoTime();
      for (int i = 1; i <= n; i++) {
        out.println(TrialOutput.metric("train_loss", i, 1, 1.0 / i, System.currentTimeMillis()));
        if (i % 100 == 0) {
          out.flush();
          long due = start + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      out.println("{\"type\":\"result\",\"testAccuracy\":0.5,\"params\":1000,\"macs\":5000}");
      out.flush();
      System.exit(0);
    }
  }

  /**
   * CPU time of this JVM's threads in clock ticks (1/100 s), read from /proc every 100 ms so that
   * threads which end (a trial's reader) still count, and so do the JIT compilers and the garbage
   * collector. Per kernel thread name (15 characters), digits folded so that a pool's threads add
   * up. Nothing where there is no /proc.
   */
  static final class CpuMeter implements AutoCloseable {
    private final Map<String, long[]> byTid = new HashMap<>(); // tid -> {ticks at start, latest}
    private final Map<String, String> names = new HashMap<>();
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

    CpuMeter() {
      sample(true);
      timer.scheduleAtFixedRate(() -> sample(false), 100, 100, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample(boolean first) {
      try (var tasks = Files.list(Path.of("/proc/self/task"))) {
        for (Path t : (Iterable<Path>) tasks::iterator) {
          try {
            String stat = Files.readString(t.resolve("stat"));
            int open = stat.indexOf('('), close = stat.lastIndexOf(')');
            String[] f = stat.substring(close + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
            String tid = t.getFileName().toString();
            names.put(tid, stat.substring(open + 1, close).replaceAll("\\d+", "N").replaceAll("trial-[a-z0-9]+", "trial-"));
            byTid.computeIfAbsent(tid, k -> new long[] {first ? ticks : 0, 0})[1] = ticks;
          } catch (java.io.IOException | RuntimeException gone) {
            // the thread ended
          }
        }
      } catch (java.io.IOException e) {
        // not Linux
      }
    }

    /** Takes a last sample and returns the ticks per thread name since the meter started. */
    synchronized Map<String, Long> stop() {
      timer.shutdownNow();
      sample(false);
      Map<String, Long> out = new HashMap<>();
      byTid.forEach((tid, v) -> out.merge(names.get(tid), v[1] - v[0], Long::sum));
      return out;
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  static double pct(double[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q / 100.0 * sorted.length) - 1)];
  }

  static int intArg(String[] a, String k, int d) {
    for (int i = 0; i + 1 < a.length; i++) if (a[i].equals(k)) return Integer.parseInt(a[i + 1]);
    return d;
  }
}
