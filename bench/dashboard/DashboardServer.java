import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.coordinator.sched.Trial;
import lab.inception.coordinator.store.Store;
import lab.inception.coordinator.sweep.SweepParser;
import lab.inception.worker.protocol.Addresses;
import lab.inception.worker.protocol.MetricBatch;
import lab.inception.worker.protocol.MetricPoint;

/**
 * The dashboard bench's store and server, both the project's own code.
 *
 * <ul>
 *   <li>{@code seed DIR}: writes through {@link Store} (the coordinator's SQLite store and its
 *       migrations) sweep {@code big} of 500 trials × 2,000 {@code train_loss} points (+ {@code
 *       val_loss}/{@code val_accuracy} every 100 steps; trials 0-49 running), sweep {@code wide}
 *       of 10,000 trials × 200 points, and 998 small sweeps: 1,000 sweeps in all. Sweep specs
 *       come from {@link SweepParser}, trial documents from {@link Trial#fromJson}.
 *   <li>{@code serve DIR PORT}: the real coordinator and HTTP API ({@link Server}, no local
 *       workers) on that store. A line {@code stream} on stdin starts a stand-in for a worker: every
 *       100 ms one {@link MetricBatch} with the next {@code train_loss} point of each of the 50
 *       running trials of {@code big}, sent on the event bus address real workers use; {@code
 *       stop} ends it.
 * </ul>
 */
public final class DashboardServer {

  static final String BIG = "big";
  static final String WIDE = "wide";
  static final int RUNNING = 50;
  static final int EPOCH = 100;

  public static void main(String[] args) throws Exception {
    switch (args.length > 0 ? args[0] : "") {
      case "seed" -> seed(Path.of(args[1]));
      case "serve" -> serve(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> {
        System.err.println("usage: DashboardServer seed DIR | serve DIR PORT");
        System.exit(2);
      }
    }
  }

  // ---- seeding ----

  static void seed(Path dir) throws Exception {
    if (Files.exists(dir.resolve("inception.db"))) {
      System.err.println(dir + " already holds a store");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    long t0 = System.nanoTime();
    try (Store store = Store.open(vertx, dir)) {
      Instant now = Instant.parse("2026-11-30T12:00:00Z");
      for (int i = 0; i < 998; i++) {
        sweep(store, "list-" + String.format("%04d", i), 2, 0, now.minusSeconds(3600L * (i + 2)), false);
      }
      sweep(store, WIDE, 10_000, 200, now.minusSeconds(3600), false);
      sweep(store, BIG, 500, 2_000, now, true);
      await(store.barrier());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.out.printf("seeded %s in %.1f s%n", dir, (System.nanoTime() - t0) / 1e9);
  }

  static final String[] MODELS = {"googlenet", "googlenet-tv"};

  static String source(String name, int trials) {
    return "name: " + name + "\ndataset: synthetic-shapes\nmethod: random\nmaxTrials: " + trials
        + "\nmaxConcurrent: " + RUNNING + "\nparameters:\n  model: [googlenet, googlenet-tv]\n"
        + "  block: [naive, reduced]\n  auxWeight: [0.0, 0.3]\n  labelSmoothing: [0.0, 0.1]\n"
        + "  lr: {min: 0.001, max: 0.1, scale: log}\n  epochs: 20\n";
  }

  static void sweep(Store store, String id, int n, int points, Instant created, boolean running)
      throws Exception {
    String source = source(id, n);
    JsonObject sweep =
        new JsonObject()
            .put("id", id)
            .put("name", id)
            .put("state", running ? "running" : "completed")
            .put("spec", SweepParser.parse(source).toJson())
            .put("created", created.toString());
    Random rnd = new Random(id.hashCode());
    List<JsonObject> trials = new ArrayList<>(n);
    for (int i = 0; i < n; i++) trials.add(trial(id, i, points, running && i < RUNNING, created, rnd));
    await(store.insertSweep(sweep, source, trials));
    List<MetricPoint> batch = new ArrayList<>();
    List<Future<Integer>> pending = new ArrayList<>();
    for (int i = 0; i < n && points > 0; i++) {
      Curve c = new Curve(id + "-" + i, new Random(i * 31L + id.hashCode()));
      for (int s = 0; s < points; s++) c.points(s, batch);
      if (batch.size() >= 50_000) {
        pending.add(store.insertMetrics(batch));
        batch = new ArrayList<>();
        if (pending.size() >= 4) await(pending.remove(0));
      }
    }
    if (!batch.isEmpty()) pending.add(store.insertMetrics(batch));
    for (Future<Integer> f : pending) await(f);
  }

  static JsonObject trial(String sweep, int i, int points, boolean running, Instant created, Random rnd) {
    String model = MODELS[i % 2];
    String block = (i >> 1) % 2 == 0 ? "naive" : "reduced";
    JsonObject params =
        new JsonObject()
            .put("model", model)
            .put("block", block)
            .put("auxWeight", (i >> 2) % 2 == 0 ? 0.0 : 0.3)
            .put("labelSmoothing", (i >> 3) % 2 == 0 ? 0.0 : 0.1)
            .put("lr", Double.parseDouble(String.format("%.3g", 0.001 * Math.pow(100, rnd.nextDouble()))))
            .put("epochs", 20);
    String state = running ? "running" : i % 7 == 0 ? "pruned" : "completed";
    double acc = Math.min(0.99, 0.55 + 0.4 * rnd.nextDouble());
    JsonObject result =
        running
            ? null
            : new JsonObject()
                .put("bestValAccuracy", acc)
                .put("finalValAccuracy", acc - 0.005)
                .put("testAccuracy", state.equals("completed") ? acc - 0.01 : null)
                .put("seconds", 100.0 + i)
                .put("imagesPerSec", 900.0);
    JsonObject doc =
        new JsonObject()
            .put("id", sweep + "-" + i)
            .put("sweep", sweep)
            .put("index", i)
            .put("state", state)
            .put("attempt", 1)
            .put("parameters", params)
            .put("epoch", points / EPOCH)
            .put("created", created.toString())
            .put("started", created.plusSeconds(i).toString())
            .put("finished", running ? null : created.plusSeconds(i + 100).toString())
            .put("worker", running ? "bench-worker" : null)
            .put("params", 1_000_000L + i * 1000L)
            .put("macs", Math.round(2e8 * (1 + i % 3) * (block.equals("naive") ? 3 : 1) * (1 + rnd.nextDouble() * 0.2)))
            .put("result", result);
    return Trial.fromJson(doc).toJson();
  }

  /** A made-up but plausible curve: a decaying loss with noise, accuracy rising to a ceiling. */
  static final class Curve {
    final String trial;
    final Random rnd;
    final double rate;
    final double floor;

    Curve(String trial, Random rnd) {
      this.trial = trial;
      this.rnd = rnd;
      rate = 0.5 + rnd.nextDouble();
      floor = 0.2 + rnd.nextDouble() * 0.3;
    }

    double loss(long step) {
      return floor + 2 * Math.exp(-step / 2000.0 * 4 * rate) + 0.05 * (rnd.nextDouble() - 0.5);
    }

    void points(long s, List<MetricPoint> out) {
      int epoch = (int) (s / EPOCH) + 1;
      long time = 1_764_500_000_000L + s * 100;
      double l = loss(s);
      out.add(new MetricPoint(trial, "train_loss", s, epoch, l, 1, time));
      if (s % EPOCH == EPOCH - 1) {
        out.add(new MetricPoint(trial, "val_loss", s, epoch, l + 0.1, 1, time));
        double acc = Math.min(0.99, 1 - floor - 0.6 * Math.exp(-s / 2000.0 * 4 * rate));
        out.add(new MetricPoint(trial, "val_accuracy", s, epoch, acc, 1, time));
      }
    }
  }

  // ---- serving ----

  static void serve(Path dir, int port) throws Exception {
    Server.Options o =
        new Server.Options(dir, dir.resolve("ckpt"), new HttpConfig("127.0.0.1", port, null), null, 0, "cpu", 3_600_000L, null);
    Server server = Server.start(o);
    Vertx vertx = server.vertx();
    long packing = awaitPacked(dir);
    if (packing >= 0) System.out.printf("packed the seed's finished curves in %.1f s%n", packing / 1e3);
    System.out.println("listening on http://127.0.0.1:" + server.port());
    List<Curve> curves = new ArrayList<>();
    for (int i = 0; i < RUNNING; i++) curves.add(new Curve(BIG + "-" + i, new Random(i)));
    long[] step = {2_000};
    long timer = -1;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("stream") && timer < 0) {
        timer =
            vertx.setPeriodic(
                100,
                id -> {
                  List<MetricPoint> batch = new ArrayList<>();
                  long s = step[0]++;
                  for (Curve c : curves)
                    batch.add(new MetricPoint(c.trial, "train_loss", s, (int) (s / EPOCH) + 1, c.loss(s), 1, System.currentTimeMillis()));
                  vertx.eventBus().send(Addresses.METRICS, new MetricBatch("bench-worker", batch));
                });
        System.out.println("streaming");
      } else if (line.equals("stop") && timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
        System.out.println("stopped");
      } else if (line.equals("quit")) {
        break;
      }
    }
    server.close();
    System.exit(0);
  }

  /**
   * A store from before curve packs (the seed is written once, by whichever version) is packed by the
   * server in the background once it opens; the cases measure a store in use, not that one-time
   * upgrade, so they wait for it. Returns the milliseconds waited, or -1 where the version has no
   * packs.
   */
  static long awaitPacked(Path dir) throws Exception {
    long t0 = System.currentTimeMillis();
    String url = "jdbc:sqlite:" + dir.resolve("inception.db").toAbsolutePath();
    try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
      while (true) {
        try (var rs = st.executeQuery("SELECT COUNT(*) FROM trials WHERE packed = 0 AND state IN"
            + " ('completed','pruned','failed','cancelled')")) {
          if (rs.getInt(1) == 0) return System.currentTimeMillis() - t0;
        } catch (java.sql.SQLException e) {
          if (String.valueOf(e.getMessage()).contains("no such column")) return -1;
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
