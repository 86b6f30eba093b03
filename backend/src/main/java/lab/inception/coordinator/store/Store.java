package lab.inception.coordinator.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import lab.inception.worker.protocol.IsoTime;
import lab.inception.worker.protocol.MetricPoint;

/**
 * The coordinator's embedded database: SQLite in WAL mode under the data directory. One writer
 * thread owns the only writing connection (so no "database is locked"), a few reader threads
 * ({@link Readers}) own one read-only connection each; all answer with Vert.x futures, never
 * blocking an event loop. Metric points are queued and written in batches, one transaction per
 * batch; a (trial, name, step) is stored once and a point of an older attempt never replaces one of
 * a newer attempt. Once idle, the writer packs the curves of trials in a final state ({@link
 * CurvePacks}), a copy the curves endpoint reads instead of every point.
 */
public final class Store implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("lab.inception.store");

  private final Vertx vertx;
  private final Connection writer;
  private final Readers readers;
  private final ExecutorService writeThread =
      Executors.newSingleThreadExecutor(r -> thread(r, "store-writer"));
  private final ConcurrentLinkedQueue<Pending> pendingPoints = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean packScheduled = new AtomicBoolean();
  private final AtomicLong generation = new AtomicLong();
  private final CurveCache curveCache = new CurveCache(CurveCache.MAX_POINTS);
  private final java.util.Map<String, Long> trialVersions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String epoch = Long.toHexString(System.nanoTime() ^ System.currentTimeMillis());

  private record Pending(List<MetricPoint> points, CompletableFuture<Integer> done) {}

  private Store(Vertx vertx, Connection writer, Readers readers) {
    this.vertx = vertx;
    this.writer = writer;
    this.readers = readers;
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Opens (creating and migrating) {@code dataDir/inception.db}. Blocking: call at startup. */
  public static Store open(Vertx vertx, Path dataDir) throws SQLException {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new SQLException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    String url = "jdbc:sqlite:" + dataDir.resolve("inception.db").toAbsolutePath();
    Connection w = DriverManager.getConnection(url);
    try (Statement s = w.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA foreign_keys=ON");
    }
    Migrations.migrate(w);
    Store store = new Store(vertx, w, new Readers(url, Readers.defaultCount()));
    store.schedulePacking(); // trials that finished before packs existed, or before a crash
    return store;
  }

  interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> Future<T> write(Sql<T> work) {
    return on(writeThread, () -> writer, work);
  }

  private <T> Future<T> read(Sql<T> work) {
    return on(readers.threads(), readers::connection, work);
  }

  private <T> Future<T> on(
      ExecutorService ex, java.util.function.Supplier<Connection> c, Sql<T> work) {
    Context ctx = vertx.getOrCreateContext();
    CompletableFuture<T> cf = new CompletableFuture<>();
    try {
      ex.execute(
          () -> {
            T result;
            try {
              result = work.run(c.get());
            } catch (Throwable t) {
              if (ex == writeThread) generation.incrementAndGet();
              cf.completeExceptionally(t);
              return;
            }
            // before the caller hears of it: a read after this write sees a newer generation
            if (ex == writeThread) generation.incrementAndGet();
            cf.complete(result);
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      cf.completeExceptionally(new IllegalStateException("the store is closed"));
    }
    return Future.fromCompletionStage(cf, ctx);
  }

  private static <T> T tx(Connection c, Sql<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T t = work.run(c);
      c.commit();
      return t;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  // ---- sweeps and trials ----

  /** Stores a new sweep and all its trials in one transaction. */
  public Future<Void> insertSweep(JsonObject sweep, String source, List<JsonObject> trials) {
    return write(
        c -> {
          tx(
              c,
              x -> {
                try (PreparedStatement ps =
                    x.prepareStatement(
                        "INSERT INTO sweeps(id,name,state,spec,source,created,updated) VALUES (?,?,?,?,?,?,?)")) {
                  String now = Instant.now().toString();
                  ps.setString(1, sweep.getString("id"));
                  ps.setString(2, sweep.getString("name"));
                  ps.setString(3, sweep.getString("state"));
                  ps.setString(4, sweep.getJsonObject("spec").encode());
                  ps.setString(5, source);
                  ps.setString(6, sweep.getString("created", now));
                  ps.setString(7, now);
                  ps.executeUpdate();
                }
                for (JsonObject t : trials) packLater(upsertTrial(x, t));
                return null;
              });
          trialsChanged(sweep.getString("id"));
          return null;
        });
  }

  public Future<Void> updateSweepState(String id, String state) {
    return write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE sweeps SET state=?, updated=? WHERE id=?")) {
            ps.setString(1, state);
            ps.setString(2, Instant.now().toString());
            ps.setString(3, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Completes once every write queued before it is committed. */
  public Future<Void> barrier() {
    return write(c -> null);
  }

  /** Stores a trial's current document (insert or replace). */
  public Future<Void> saveTrial(JsonObject trial) {
    JsonObject copy = trial.copy();
    return write(
        c -> {
          packLater(upsertTrial(c, copy));
          trialsChanged(copy.getString("sweep"));
          return null;
        });
  }

  /**
   * Stores several trials' current documents in one transaction (in the order given), each built
   * from its item by {@code toDoc} on the store's thread, so the caller's thread encodes nothing.
   */
  public <T> Future<Void> saveTrials(List<T> items, Function<? super T, JsonObject> toDoc) {
    java.util.Set<String> sweeps = new java.util.HashSet<>();
    return write(
        c -> {
          tx(
              c,
              x -> {
                for (T t : items) {
                  JsonObject doc = toDoc.apply(t);
                  packLater(upsertTrial(x, doc));
                  sweeps.add(doc.getString("sweep"));
                }
                return null;
              });
          sweeps.forEach(this::trialsChanged);
          return null;
        });
  }

  /** Writes a trial's document; returns whether its state is final (so it is to be packed). */
  private static boolean upsertTrial(Connection c, JsonObject t) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO trials(id,sweep,idx,state,attempt,doc) VALUES (?,?,?,?,?,?) "
                + "ON CONFLICT(id) DO UPDATE SET state=excluded.state, attempt=excluded.attempt, doc=excluded.doc")) {
      ps.setString(1, t.getString("id"));
      ps.setString(2, t.getString("sweep"));
      ps.setInt(3, t.getInteger("index", 0));
      ps.setString(4, t.getString("state"));
      ps.setInt(5, t.getInteger("attempt", 0));
      ps.setString(6, t.encode());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE trials SET rank=(SELECT rank FROM trial_rank WHERE id=?1) WHERE id=?1")) {
      ps.setString(1, t.getString("id"));
      ps.executeUpdate();
    }
    return CurvePacks.isFinal(t.getString("state"));
  }

  /**
   * A number that changes whenever a trial document of the sweep is written, so that what was built
   * from its documents stays right while it is the same: read it before the documents.
   */
  public long trialsVersion(String sweep) {
    return trialVersions.getOrDefault(sweep, 0L);
  }

  /** After a write of the sweep's trial documents commits (on the writer's thread). */
  private void trialsChanged(String sweep) {
    if (sweep != null) trialVersions.merge(sweep, 1L, Long::sum);
  }

  private void packLater(boolean needed) {
    if (needed) schedulePacking();
  }

  /** Queues a packing task behind the writes queued now, unless one is queued already. */
  private void schedulePacking() {
    if (!packScheduled.compareAndSet(false, true)) return;
    try {
      writeThread.execute(this::packSome);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      packScheduled.set(false); // closing: the next opening packs them
    }
  }

  /** Packs up to {@link CurvePacks#PER_TASK} trials in one transaction, then queues the rest. */
  private void packSome() {
    packScheduled.set(false);
    try {
      int packed =
          tx(
              writer,
              c -> {
                List<String> ids = CurvePacks.unpacked(c, CurvePacks.PER_TASK);
                for (String id : ids) CurvePacks.pack(c, id);
                return ids.size();
              });
      if (packed == CurvePacks.PER_TASK) schedulePacking();
    } catch (SQLException | RuntimeException e) {
      // the curves stay readable point by point; the next final trial tries again
      LOG.log(System.Logger.Level.WARNING, "packing finished trials' curves failed", e);
    }
  }

  public Future<Void> saveRung(String sweep, int rung, String trial, double value) {
    return write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT OR REPLACE INTO rungs VALUES (?,?,?,?)")) {
            ps.setString(1, sweep);
            ps.setInt(2, rung);
            ps.setString(3, trial);
            ps.setDouble(4, value);
            ps.executeUpdate();
          }
          return null;
        });
  }

  // ---- metrics ----

  /**
   * Queues points for the next batch write; completes with how many rows were inserted or replaced
   * once they are committed.
   */
  public Future<Integer> insertMetrics(List<MetricPoint> points) {
    Context ctx = vertx.getOrCreateContext();
    CompletableFuture<Integer> done = new CompletableFuture<>();
    pendingPoints.add(new Pending(List.copyOf(points), done));
    if (drainScheduled.compareAndSet(false, true)) {
      try {
        writeThread.execute(this::drainPoints);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        done.completeExceptionally(new IllegalStateException("the store is closed"));
      }
    }
    return Future.fromCompletionStage(done, ctx);
  }

  private void drainPoints() {
    drainScheduled.set(false);
    List<Pending> batch = new ArrayList<>();
    for (Pending p; (p = pendingPoints.poll()) != null; ) batch.add(p);
    if (batch.isEmpty()) return;
    try {
      int[] counts =
          tx(
              writer,
              c -> {
                int[] n = writePoints(c, batch);
                if (CurvePacks.drop(c, trialsOf(batch))) schedulePacking();
                return n;
              });
      generation.incrementAndGet();
      for (Pending p : batch) for (MetricPoint m : p.points) curveCache.changed(m.trial());
      for (int i = 0; i < batch.size(); i++) batch.get(i).done.complete(counts[i]);
    } catch (Throwable t) {
      batch.forEach(p -> p.done.completeExceptionally(t));
    }
  }

  private static java.util.Set<String> trialsOf(List<Pending> batch) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (Pending p : batch) for (MetricPoint m : p.points) out.add(m.trial());
    return out;
  }

  private static int[] writePoints(Connection c, List<Pending> batch) throws SQLException {
    int[] counts = new int[batch.size()];
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO metrics(trial,name,step,epoch,value,attempt,time) VALUES (?,?,?,?,?,?,?) "
                + "ON CONFLICT(trial,name,step) DO UPDATE SET epoch=excluded.epoch, value=excluded.value, "
                + "attempt=excluded.attempt, time=excluded.time WHERE excluded.attempt >= metrics.attempt")) {
      for (int i = 0; i < batch.size(); i++) {
        for (MetricPoint p : batch.get(i).points) {
          ps.setString(1, p.trial());
          ps.setString(2, p.name());
          ps.setLong(3, p.step());
          ps.setInt(4, p.epoch());
          if (Double.isFinite(p.value())) ps.setDouble(5, p.value());
          else ps.setNull(5, java.sql.Types.REAL);
          ps.setInt(6, p.attempt());
          ps.setString(7, IsoTime.format(p.time()));
          ps.addBatch();
        }
        for (int n : ps.executeBatch()) counts[i] += Math.max(0, n);
      }
    }
    return counts;
  }

  /** A trial's points with step above {@code after}, in step order (then name). */
  public Future<JsonArray> metrics(String trial, long after, String name, int limit) {
    return read(
        c -> {
          String sql =
              "SELECT name,step,epoch,value,attempt,time FROM metrics WHERE trial=? AND step>?"
                  + (name == null ? "" : " AND name=?")
                  + " ORDER BY step, name LIMIT ?";
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, trial);
            ps.setLong(i++, after);
            if (name != null) ps.setString(i++, name);
            ps.setInt(i, limit);
            JsonArray out = new JsonArray();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                double v = rs.getDouble(4);
                out.add(
                    new JsonObject()
                        .put("name", rs.getString(1))
                        .put("step", rs.getLong(2))
                        .put("epoch", rs.getInt(3))
                        .put("value", rs.wasNull() ? null : v)
                        .put("attempt", rs.getInt(5))
                        .put("time", rs.getString(6)));
              }
            }
            return out;
          }
        });
  }

  // ---- reads ----

  /** Every sweep not archived, newest first, each with its trial counts per state. */
  public Future<JsonArray> sweeps() {
    return sweeps(false);
  }

  /** Every sweep (the archived ones too with {@code archived}), newest first. */
  public Future<JsonArray> sweeps(boolean archived) {
    return read(c -> querySweeps(c, null, archived));
  }

  /** One sweep with its counts, or null when unknown. */
  public Future<JsonObject> sweep(String id) {
    return read(
        c -> {
          JsonArray a = querySweeps(c, id, true);
          return a.isEmpty() ? null : a.getJsonObject(0);
        });
  }

  /** The columns of a sweep row ({@link #sweepRow}), for {@code FROM sweeps s}. */
  static final String SWEEP_SELECT =
      "SELECT s.id,s.name,s.state,s.spec,s.created,s.updated,"
          + " (SELECT json_group_object(state,n) FROM (SELECT state, COUNT(*) n FROM trials t WHERE t.sweep=s.id GROUP BY state)),"
          + " s.notes,s.tags,s.archived,"
          + " (SELECT json_array(t.id, t.rank * (CASE o.mode WHEN 'min' THEN 1 ELSE -1 END), o.metric, o.mode)"
          + "   FROM trials t, sweep_objective o"
          + "   WHERE o.id=s.id AND t.sweep=s.id AND t.state='completed' AND t.rank IS NOT NULL"
          + "   ORDER BY t.rank, t.idx LIMIT 1)";

  /** How many columns {@link #SWEEP_SELECT} has. */
  static final int SWEEP_COLUMNS = 11;

  private static JsonArray querySweeps(Connection c, String id, boolean archived)
      throws SQLException {
    String sql =
        SWEEP_SELECT
            + " FROM sweeps s"
            + (id == null ? "" : " WHERE s.id=?")
            + (id == null && !archived ? " WHERE s.archived=0" : "")
            + " ORDER BY s.created DESC, s.id DESC";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) ps.setString(1, id);
      JsonArray out = new JsonArray();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(sweepRow(rs));
      }
      return out;
    }
  }

  /** A sweep with its counts from the columns of {@link #SWEEP_SELECT}. */
  static JsonObject sweepRow(ResultSet rs) throws SQLException {
    JsonObject counts =
        rs.getString(7) == null ? new JsonObject() : new JsonObject(rs.getString(7));
    int total = counts.stream().mapToInt(e -> ((Number) e.getValue()).intValue()).sum();
    return new JsonObject()
        .put("id", rs.getString(1))
        .put("name", rs.getString(2))
        .put("state", rs.getString(3))
        .put("spec", new JsonObject(rs.getString(4)))
        .put("created", rs.getString(5))
        .put("updated", rs.getString(6))
        .put("trials", total)
        .put("counts", counts)
        .put("notes", rs.getString(8))
        .put("tags", new JsonArray(rs.getString(9)))
        .put("archived", rs.getInt(10) != 0)
        .put("best", best(rs.getString(11)));
  }

  /**
   * The sweep's best completed trial by its (first) objective, as {@link
   * lab.inception.coordinator.sched.History#value} reads it (the metric's value at the trial's last
   * epoch, or its cost): {@code {metric, mode, value, trial}}, or null before a completed trial has
   * a value.
   */
  private static JsonObject best(String idValueMetricMode) {
    if (idValueMetricMode == null) return null;
    JsonArray a = new JsonArray(idValueMetricMode);
    return new JsonObject()
        .put("metric", a.getString(2))
        .put("mode", a.getString(3))
        .put("value", a.getDouble(1))
        .put("trial", a.getString(0));
  }

  /** One page of sweeps, sorted and filtered ({@link Paging}). */
  public Future<Paging.Page> sweepsPage(Paging.Query q) {
    return read(c -> Paging.sweeps(c, q));
  }

  /** One page of a sweep's trials (stored documents), sorted and filtered ({@link Paging}). */
  public Future<Paging.Page> trialsPage(String sweep, Paging.Query q) {
    return read(c -> Paging.trials(c, sweep, q));
  }

  /** The ids of a sweep's trials in index order. */
  public Future<List<String>> trialIds(String sweep) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM trials WHERE sweep=? ORDER BY idx")) {
            ps.setString(1, sweep);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  /**
   * Sets a sweep's notes, tags or archived flag (each only when given); completes with whether the
   * sweep exists.
   */
  public Future<Boolean> updateSweepMeta(
      String id, String notes, List<String> tags, Boolean archived) {
    return write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE sweeps SET notes=COALESCE(?,notes), tags=COALESCE(?,tags),"
                      + " archived=COALESCE(?,archived) WHERE id=?")) {
            ps.setString(1, notes);
            ps.setString(2, tags == null ? null : new JsonArray(tags).encode());
            if (archived == null) ps.setNull(3, java.sql.Types.INTEGER);
            else ps.setInt(3, archived ? 1 : 0);
            ps.setString(4, id);
            return ps.executeUpdate() > 0;
          }
        });
  }

  /**
   * Deletes a sweep with its trials, their metric points and rungs, in one transaction; completes
   * with the number of trials deleted.
   */
  public Future<Integer> deleteSweep(String id) {
    return write(
            c ->
                tx(
                    c,
                    x -> {
                      update(
                          x,
                          "DELETE FROM metrics WHERE trial IN (SELECT id FROM trials WHERE sweep=?)",
                          id);
                      update(
                          x,
                          "DELETE FROM curve_packs WHERE trial IN (SELECT id FROM trials WHERE sweep=?)",
                          id);
                      update(x, "DELETE FROM rungs WHERE sweep=?", id);
                      int trials = update(x, "DELETE FROM trials WHERE sweep=?", id);
                      update(x, "DELETE FROM sweeps WHERE id=?", id);
                      return trials;
                    }))
        .andThen(r -> trialsChanged(id));
  }

  private static int update(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      return ps.executeUpdate();
    }
  }

  /**
   * One metric of the given trials, each curve's finite points above {@code since} downsampled to
   * at most {@code 2·buckets} ({@link lab.inception.coordinator.curves.MinMaxBuckets}).
   */
  public Future<List<lab.inception.coordinator.curves.Curve>> curves(
      String metric, long since, List<String> trials, int buckets) {
    return read(c -> CurveReader.read(c, metric, since, trials, buckets, curveCache));
  }

  /**
   * A number that grows with every committed write (sweeps, trials, metric points) and, with {@link
   * #epoch()}, names the state of the store: an answer computed at one generation is still right
   * while the generation is the same.
   */
  public long generation() {
    return generation.get();
  }

  /** Differs between two openings of a store, so a generation is never taken for an older one's. */
  public String epoch() {
    return epoch;
  }

  /** A sweep's trials in index order. */
  public Future<JsonArray> trials(String sweep) {
    return read(c -> docs(c, "SELECT doc FROM trials WHERE sweep=? ORDER BY idx", sweep));
  }

  /** One trial or null. */
  public Future<JsonObject> trial(String id) {
    return read(
        c -> {
          JsonArray a = docs(c, "SELECT doc FROM trials WHERE id=?", id);
          return a.isEmpty() ? null : a.getJsonObject(0);
        });
  }

  private static JsonArray docs(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      JsonArray out = new JsonArray();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(new JsonObject(rs.getString(1)));
      }
      return out;
    }
  }

  /**
   * Streams the whole stored state into {@code sink} (see {@link RestoreSink}) on the writer's
   * thread, so no write interleaves; one trial document is parsed at a time.
   */
  public Future<Void> restoreInto(RestoreSink sink) {
    return write(
        c -> {
          JsonArray sweeps = querySweeps(c, null, true);
          for (int i = sweeps.size() - 1; i >= 0; i--) sink.sweep(sweeps.getJsonObject(i));
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT doc FROM trials ORDER BY sweep, idx")) {
            while (rs.next()) sink.trial(new JsonObject(rs.getString(1)));
          }
          sink.trialsDone();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT sweep,rung,trial,value FROM rungs")) {
            while (rs.next())
              sink.rung(rs.getString(1), rs.getString(3), rs.getInt(2), rs.getDouble(4));
          }
          return null;
        });
  }

  /** Finishes queued writes, then closes both connections. */
  @Override
  public void close() {
    writeThread.execute(this::drainPoints);
    writeThread.shutdown();
    try {
      writeThread.awaitTermination(10, TimeUnit.SECONDS);
      readers.close();
      writer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      // closing: nothing left to save
    }
  }
}
