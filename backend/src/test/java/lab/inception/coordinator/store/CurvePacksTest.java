package lab.inception.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lab.inception.coordinator.curves.Curve;
import lab.inception.worker.protocol.MetricPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The packed copies of finished trials' curves, over a real store. */
class CurvePacksTest extends StoreCase {

  private Connection db() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("inception.db"));
  }

  private static JsonObject trial(String id, int index, String state) {
    return new JsonObject()
        .put("id", id)
        .put("sweep", "s")
        .put("index", index)
        .put("state", state)
        .put("attempt", 1);
  }

  private void sweep(String... states) throws Exception {
    List<JsonObject> trials = new ArrayList<>();
    for (int i = 0; i < states.length; i++) trials.add(trial("t" + i, i, states[i]));
    await(
        store.insertSweep(
            new JsonObject()
                .put("id", "s")
                .put("name", "s")
                .put("state", "running")
                .put("spec", new JsonObject()),
            "name: s",
            trials));
  }

  /** Irregular steps, a NaN inside and one at the end (so the last step has no finite value). */
  private static List<MetricPoint> points(String trial, String name, int n, long seed) {
    Random rnd = new Random(seed);
    List<MetricPoint> out = new ArrayList<>();
    long step = 0;
    for (int i = 0; i < n; i++) {
      step += 1 + rnd.nextInt(4);
      double v = i == n / 3 || i == n - 1 ? Double.NaN : Math.exp(-i / 300.0) + rnd.nextGaussian();
      out.add(new MetricPoint(trial, name, step, i / 100, v, 1, 0));
    }
    return out;
  }

  private static int packed(Connection c, String trial) throws Exception {
    try (ResultSet rs =
        c.createStatement().executeQuery("SELECT packed FROM trials WHERE id='" + trial + "'")) {
      return rs.getInt(1);
    }
  }

  private static int packs(Connection c, String trial) throws Exception {
    try (ResultSet rs =
        c.createStatement()
            .executeQuery("SELECT COUNT(*) FROM curve_packs WHERE trial='" + trial + "'")) {
      return rs.getInt(1);
    }
  }

  /** Curves read with an empty cache, so from the packs where the trial is packed. */
  private static List<Curve> read(Connection c, String metric, long since, int buckets)
      throws Exception {
    return CurveReader.read(
        c, metric, since, List.of("t0", "t1", "t2"), buckets, new CurveCache(1_000_000));
  }

  /** Every metric of the test at 1, 7, 200 and 5000 buckets from each of {@code sinces}. */
  private static List<List<Curve>> readEach(Connection c, long[] sinces) throws Exception {
    List<List<Curve>> out = new ArrayList<>();
    for (String metric : List.of("train_loss", "val_loss", "lr"))
      for (long since : sinces)
        for (int buckets : new int[] {1, 7, 200, 5000}) out.add(read(c, metric, since, buckets));
    return out;
  }

  private static void assertSame(List<Curve> got, List<Curve> want) {
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      Curve g = got.get(i);
      Curve w = want.get(i);
      assertThat(g.trial()).isEqualTo(w.trial());
      assertThat(g.steps()).as(w.trial() + " steps").containsExactly(w.steps());
      assertThat(g.values()).as(w.trial() + " values").containsExactly(w.values());
      assertThat(g.count()).isEqualTo(w.count());
      assertThat(g.downsampled()).isEqualTo(w.downsampled());
      assertThat(g.lastStep()).isEqualTo(w.lastStep());
    }
  }

  @Test
  @DisplayName(
      "a finished trial is packed, a running one is not, and a curve read from the packs equals"
          + " the one read point by point, at any resolution and since")
  void packsEqualPoints() throws Exception {
    sweep("completed", "running", "failed");
    await(store.insertMetrics(points("t0", "train_loss", 2000, 1)));
    await(store.insertMetrics(points("t0", "val_loss", 20, 2)));
    await(store.insertMetrics(points("t1", "train_loss", 500, 3)));
    // t2 failed before its first point: packed, with no curves
    await(store.saveTrial(trial("t0", 0, "completed"))); // packs t0 behind it
    await(store.barrier());
    try (Connection c = db()) {
      assertThat(packed(c, "t0")).isEqualTo(1);
      assertThat(packs(c, "t0")).isEqualTo(2);
      assertThat(packed(c, "t1")).isZero();
      assertThat(packed(c, "t2")).isEqualTo(1);
      assertThat(packs(c, "t2")).isZero();
      Curve whole = read(c, "train_loss", Long.MIN_VALUE, 5000).get(0);
      // since a stored step (so that one is left out), between two, after the last
      long[] sinces = {Long.MIN_VALUE, whole.steps()[1000], whole.steps()[1000] + 1, 1_000_000};
      List<List<Curve>> fromPacks = readEach(c, sinces);
      Curve t0 = fromPacks.get(2).get(0); // train_loss, whole, 200 buckets
      assertThat(t0.count()).isEqualTo(1998); // two NaNs left out
      assertThat(t0.lastStep()).isGreaterThan(t0.steps()[t0.steps().length - 1]); // a NaN last
      c.createStatement().execute("UPDATE trials SET packed=0"); // now read point by point
      List<List<Curve>> fromPoints = readEach(c, sinces);
      for (int k = 0; k < fromPacks.size(); k++) assertSame(fromPacks.get(k), fromPoints.get(k));
    }
  }

  @Test
  @DisplayName(
      "points written to a packed trial drop its packs in the same transaction, and a finished"
          + " trial is packed again with them; deleting the sweep deletes its packs")
  void latePoints() throws Exception {
    sweep("completed", "completed", "completed");
    await(store.insertMetrics(points("t0", "train_loss", 100, 1)));
    await(store.saveTrial(trial("t0", 0, "completed")));
    await(store.barrier());
    Curve before = await(store.curves("train_loss", Long.MIN_VALUE, List.of("t0"), 1000)).get(0);
    assertThat(before.count()).isEqualTo(98);
    // a late point (a retried attempt's, say) after the trial was packed
    await(store.insertMetrics(List.of(new MetricPoint("t0", "train_loss", 100_000, 9, 0.5, 2, 0))));
    await(store.barrier());
    try (Connection c = db()) {
      assertThat(packed(c, "t0")).isEqualTo(1);
      Curve after = read(c, "train_loss", Long.MIN_VALUE, 1000).get(0);
      assertThat(after.count()).isEqualTo(99);
      assertThat(after.lastStep()).isEqualTo(100_000);
      assertThat(after.values()[after.values().length - 1]).isEqualTo(0.5);
    }
    // a trial retried into the queue keeps its packs until new points come, then loses them
    await(store.saveTrial(trial("t0", 0, "queued")));
    await(store.insertMetrics(points("t0", "val_loss", 5, 4)));
    await(store.barrier());
    try (Connection c = db()) {
      assertThat(packed(c, "t0")).isZero();
      assertThat(packs(c, "t0")).isZero();
      assertThat(read(c, "val_loss", Long.MIN_VALUE, 10).get(0).count()).isEqualTo(3);
    }
    await(store.deleteSweep("s"));
    try (Connection c = db();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM curve_packs")) {
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  @DisplayName("a damaged pack is not trusted: the trial's curve is read from its points instead")
  void damagedPack() throws Exception {
    sweep("completed", "completed", "completed");
    await(store.insertMetrics(points("t0", "train_loss", 300, 1)));
    await(store.insertMetrics(points("t1", "train_loss", 300, 2)));
    await(store.saveTrial(trial("t0", 0, "completed")));
    await(store.saveTrial(trial("t1", 1, "completed")));
    await(store.barrier());
    try (Connection c = db()) {
      List<Curve> good = read(c, "train_loss", Long.MIN_VALUE, 50);
      // t0's blob cut short, t1's count made absurd
      c.createStatement()
          .execute(
              "UPDATE curve_packs SET points = substr(points, 1, length(points) - 3)"
                  + " WHERE trial='t0'");
      c.createStatement().execute("UPDATE curve_packs SET points = x'ffffff7f' WHERE trial='t1'");
      assertThat(packed(c, "t0")).isEqualTo(1);
      assertSame(read(c, "train_loss", Long.MIN_VALUE, 50), good);
    }
  }

  @Test
  @DisplayName(
      "a database of before V5 is packed in the background once the store opens, more trials than"
          + " one packing task takes, and reads answer the same meanwhile")
  void migratedStoreIsPacked() throws Exception {
    store.close();
    Path d = dir.resolve("v4");
    int n = CurvePacks.PER_TASK * 2 + 5;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + v4(d))) {
      assertThat(Migrations.migrate(c, 4)).isEqualTo(4);
      c.createStatement()
          .execute(
              "INSERT INTO sweeps(id,name,state,spec,created,updated)"
                  + " VALUES ('s','s','completed','{}','1','1')");
      var t =
          c.prepareStatement(
              "INSERT INTO trials(id,sweep,idx,state,attempt,doc) VALUES (?,'s',?,?,1,'{}')");
      var p = c.prepareStatement("INSERT INTO metrics VALUES (?,'train_loss',?,0,?,1,NULL)");
      for (int i = 0; i < n; i++) {
        t.setString(1, "t" + i);
        t.setInt(2, i);
        t.setString(3, i == 0 ? "running" : "completed");
        t.executeUpdate();
        for (int s = 0; s < 10; s++) {
          p.setString(1, "t" + i);
          p.setInt(2, s);
          p.setDouble(3, i + s / 10.0);
          p.executeUpdate();
        }
      }
    }
    store = Store.open(vertx, d);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) ids.add("t" + i);
    List<Curve> first = await(store.curves("train_loss", Long.MIN_VALUE, ids, 3));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + d.resolve("inception.db"))) {
      // each packing task queues the next behind the writes queued by then
      int tasks = 0;
      while (unpackedCompleted(c) > 0 && tasks++ < 20) await(store.barrier());
      assertThat(unpackedCompleted(c)).isZero();
      assertThat(packed(c, "t0")).isZero();
      assertSame(
          CurveReader.read(c, "train_loss", Long.MIN_VALUE, ids, 3, new CurveCache(1 << 20)),
          first);
    }
  }

  private static int unpackedCompleted(Connection c) throws Exception {
    try (ResultSet rs =
        c.createStatement()
            .executeQuery("SELECT COUNT(*) FROM trials WHERE state='completed' AND packed=0")) {
      return rs.getInt(1);
    }
  }

  private static Path v4(Path d) throws Exception {
    java.nio.file.Files.createDirectories(d);
    return d.resolve("inception.db");
  }
}
