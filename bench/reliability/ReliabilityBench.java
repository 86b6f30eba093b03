import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lab.inception.coordinator.CoordinatorConfig;
import lab.inception.coordinator.CoordinatorVerticle;
import lab.inception.coordinator.EventHub;
import lab.inception.coordinator.http.HttpApiVerticle;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.coordinator.store.Store;

/**
 * Event-loop stalls of the coordinator's heavy moments, measured by a probe on every event loop (a
 * 5 ms timer; a stall is how late it fires): submitting and cancelling a 10,000-trial sweep, and a
 * restart over many stored trials (the store's sweeps of 10,000 random trials each). Prints each
 * moment's longest stall, its wall time, and the process's resident memory.
 *
 * <p>Usage: {@code bench/reliability/run [--stored 270000]}
 */
public final class ReliabilityBench {

  static final String SWEEP =
      "name: big\nmethod: random\nmaxTrials: 10000\nseed: %d\nparameters:\n  model: googlenet\n"
          + "  lr: {min: 0.001, max: 0.1, scale: log}\n  epochs: 1\n";

  /** The longest lateness of any probe timer since the last reset, in ms. */
  static final AtomicLong worstMs = new AtomicLong();

  /** The longest garbage-collection pause since the last reset, in ms. */
  static final AtomicLong worstGcMs = new AtomicLong();

  /** Records every collection's duration (a pause stops the event loops too). */
  static void watchGc() {
    for (java.lang.management.GarbageCollectorMXBean gc :
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
                  // G1's concurrent cycle runs beside the application; its pauses are reported apart
                  if (!info.getGcName().contains("Concurrent")) worstGcMs.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
                }
              },
              null,
              null);
    }
  }

  /** One per event loop: a 5 ms timer that records how late it fires. */
  public static final class Probe extends VerticleBase {
    private long last;

    @Override
    public Future<?> start() {
      last = System.nanoTime();
      vertx.setPeriodic(
          5,
          id -> {
            long now = System.nanoTime();
            long late = TimeUnit.NANOSECONDS.toMillis(now - last) - 5;
            worstMs.accumulateAndGet(late, Math::max);
            last = now;
          });
      return Future.succeededFuture();
    }
  }

  public static void main(String[] args) throws Exception {
    int stored = args.length > 1 && args[0].equals("--stored") ? Integer.parseInt(args[1]) : 270_000;
    Path dir = Files.createTempDirectory("inception-bench-reliability");
    watchGc();
    System.out.printf("| moment | longest event-loop stall | longest GC pause in it | wall time | VmRSS |%n| --- | ---: | ---: | ---: | ---: |%n");
    Node n = Node.start(dir);
    HttpClient http = HttpClient.newHttpClient();
    String id = null;
    long t = 0;
    for (int i = 0; i < stored / 10_000; i++) {
      boolean last = i == stored / 10_000 - 1;
      if (last) t = n.reset();
      id = submit(http, n.base, i);
      if (last) n.row("submit a 10,000-trial sweep", t);
    }
    t = n.reset();
    String r = post(http, n.base + "/api/sweeps/" + id + "/cancel", "");
    n.row("cancel a 10,000-trial sweep (" + new JsonObject(r).getString("state") + ")", t);
    n.close();
    Node again = Node.start(dir, stored);
    again.close();
  }

  static String submit(HttpClient http, String base, int seed) throws Exception {
    String body = post(http, base + "/api/sweeps", String.format(SWEEP, seed));
    return new JsonObject(body).getString("id");
  }

  static String post(HttpClient http, String url, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (!body.isEmpty()) b.header("Content-Type", "application/yaml");
    HttpResponse<String> r =
        http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
    return r.body();
  }

  /** A coordinator and its API over a store, with probes on every event loop. */
  record Node(Vertx vertx, Store store, String base) {
    static Node start(Path dir) throws Exception {
      return start(dir, -1);
    }

    /** Starts; with {@code stored} ≥ 0, prints the start (the restore of that many trials). */
    static Node start(Path dir, int stored) throws Exception {
      Vertx vertx = Vertx.vertx();
      int loops = 2 * Runtime.getRuntime().availableProcessors();
      await(vertx.deployVerticle(Probe::new, new DeploymentOptions().setInstances(loops)));
      Thread.sleep(200);
      worstMs.set(0);
      worstGcMs.set(0);
      long t = System.nanoTime();
      Store store = Store.open(vertx, dir);
      EventHub hub = new EventHub(System.currentTimeMillis(), 200_000);
      await(vertx.deployVerticle(new CoordinatorVerticle(store, hub, new CoordinatorConfig(30_000, 2, dir.resolve("ckpt").toString()))));
      HttpApiVerticle api = new HttpApiVerticle(store, hub, new HttpConfig("127.0.0.1", 0, null));
      await(vertx.deployVerticle(api));
      Node n = new Node(vertx, store, "http://127.0.0.1:" + api.actualPort());
      if (stored >= 0) n.row(String.format("restart over %,d stored trials", stored), t);
      return n;
    }

    long reset() throws InterruptedException {
      Thread.sleep(100);
      worstMs.set(0);
      worstGcMs.set(0);
      return System.nanoTime();
    }

    void row(String what, long since) throws Exception {
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
      Thread.sleep(50); // the probes fire once more after the moment
      System.out.printf("| %s | %d ms | %d ms | %d ms | %d MB |%n", what, worstMs.get(), worstGcMs.get(), wall, rssMb());
    }

    void close() throws Exception {
      await(vertx.close());
      store.close();
    }
  }

  static long rssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status")))
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
    return -1;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(600, TimeUnit.SECONDS);
  }
}
