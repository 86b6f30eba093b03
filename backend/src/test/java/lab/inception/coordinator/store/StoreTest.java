package lab.inception.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import lab.inception.worker.protocol.MetricPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoreTest extends StoreCase {

  static JsonObject trial(String id, String state, int attempt) {
    return new JsonObject()
        .put("id", id)
        .put("sweep", "s1")
        .put("index", 0)
        .put("state", state)
        .put("attempt", attempt);
  }

  /** 2026-11-26T15:00:00Z in epoch milliseconds. */
  static final long T0 = java.time.Instant.parse("2026-11-26T15:00:00Z").toEpochMilli();

  static MetricPoint point(long step, double v, int attempt) {
    return new MetricPoint("s1-t0", "train_loss", step, 1, v, attempt, T0 + step);
  }

  private void sweep() throws Exception {
    JsonObject s =
        new JsonObject()
            .put("id", "s1")
            .put("name", "x'); DROP TABLE sweeps; --")
            .put("state", "running")
            .put("spec", new JsonObject());
    await(
        store.insertSweep(
            s, "name: x", List.of(trial("s1-t0", "queued", 0), trial("s1-t1", "queued", 0))));
  }

  @Test
  @DisplayName("the database is in WAL mode, migrated once, and reopens with its data")
  void walAndMigrations() throws Exception {
    sweep();
    String url = "jdbc:sqlite:" + dir.resolve("inception.db");
    try (var c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
    store.close();
    store = Store.open(vertx, dir);
    JsonObject s = await(store.sweep("s1"));
    assertThat(s.getString("name")).isEqualTo("x'); DROP TABLE sweeps; --");
    assertThat(s.getJsonObject("counts").getInteger("queued")).isEqualTo(2);
    try (var c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
      assertThat(rs.getInt(1)).isEqualTo(Migrations.SCRIPTS.size());
    }
  }

  @Test
  @DisplayName(
      "each (trial, name, step) is stored once; an older attempt never replaces a newer one")
  void pointsOnceNewestAttempt() throws Exception {
    sweep();
    await(store.insertMetrics(List.of(point(1, 1.0, 1), point(2, 0.9, 1), point(2, 0.9, 1))));
    await(store.insertMetrics(List.of(point(2, 0.8, 2), point(3, 0.7, 2))));
    await(store.insertMetrics(List.of(point(3, 5.0, 1), point(4, 5.0, 1))));
    JsonArray m = await(store.metrics("s1-t0", 0, null, 1000));
    assertThat(m).hasSize(4);
    assertThat(m.stream().map(o -> ((JsonObject) o).getLong("step")))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(m.getJsonObject(1).getDouble("value")).isEqualTo(0.8);
    assertThat(m.getJsonObject(2).getDouble("value")).isEqualTo(0.7);
    assertThat(m.getJsonObject(2).getString("time")).isEqualTo("2026-11-26T15:00:00.003Z");
    assertThat(await(store.metrics("s1-t0", 2, null, 1000))).hasSize(2);
  }

  @Test
  @DisplayName("many concurrent metric batches are all committed, with no 'database is locked'")
  void concurrentBatches() throws Exception {
    sweep();
    List<Future<Integer>> fs = new ArrayList<>();
    for (int b = 0; b < 200; b++) {
      List<MetricPoint> ps = new ArrayList<>();
      for (int i = 0; i < 100; i++) ps.add(point(b * 100L + i, i, 1));
      fs.add(store.insertMetrics(ps));
      if (b % 20 == 0) fs.add(store.saveTrial(trial("s1-t0", "running", 1)).map(0));
    }
    await(Future.all(fs));
    assertThat(await(store.metrics("s1-t0", -1, null, 100_000))).hasSize(20_000);
    assertThat(await(store.trial("s1-t0")).getString("state")).isEqualTo("running");
  }

  @Test
  @DisplayName(
      "a store written before V2 reads with train_loss as the main head's loss and the total apart")
  void mainHeadLossMigration() throws Exception {
    store.close();
    Path old = dir.resolve("old");
    java.nio.file.Files.createDirectories(old);
    String url = "jdbc:sqlite:" + old.resolve("inception.db");
    try (var c = DriverManager.getConnection(url)) {
      assertThat(Migrations.migrate(c, 1)).isEqualTo(1);
      var st = c.createStatement();
      st.execute(
          "INSERT INTO sweeps VALUES ('s1','old','completed','{}',NULL,'2026-11-20','2026-11-20')");
      // t-aux trained with aux heads at auxWeight 0.5, t-def with the default 0.3, t-none without
      st.execute(
          "INSERT INTO trials VALUES ('t-aux','s1',0,'completed',1,"
              + "'{\"id\":\"t-aux\",\"parameters\":{\"auxWeight\":0.5}}')");
      st.execute(
          "INSERT INTO trials VALUES ('t-def','s1',1,'completed',1,'{\"id\":\"t-def\",\"parameters\":{}}')");
      st.execute(
          "INSERT INTO trials VALUES ('t-none','s1',2,'completed',1,"
              + "'{\"id\":\"t-none\",\"parameters\":{\"auxWeight\":0.0}}')");
      st.execute("INSERT INTO metrics VALUES ('t-aux','train_loss',10,1,2.5,1,NULL)");
      st.execute("INSERT INTO metrics VALUES ('t-aux','aux_loss',10,1,3.0,1,NULL)");
      st.execute("INSERT INTO metrics VALUES ('t-def','train_loss',10,1,2.5,1,NULL)");
      st.execute("INSERT INTO metrics VALUES ('t-def','aux_loss',10,1,3.0,1,NULL)");
      st.execute("INSERT INTO metrics VALUES ('t-none','train_loss',10,1,1.25,1,NULL)");
    }
    store = Store.open(vertx, old);
    assertThat(values("t-aux"))
        .containsEntry("train_loss", 1.0)
        .containsEntry("train_total_loss", 2.5);
    assertThat(values("t-def").get("train_loss"))
        .isCloseTo(1.6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(values("t-def")).containsEntry("train_total_loss", 2.5);
    assertThat(values("t-none"))
        .containsEntry("train_loss", 1.25)
        .containsEntry("train_total_loss", 1.25)
        .doesNotContainKey("aux_loss");
  }

  @Test
  @DisplayName(
      "a store written before the sweeps had notes reads them with empty notes and tags, not"
          + " archived, the best completed trial by its last validation accuracy")
  void sweepNotesMigration() throws Exception {
    store.close();
    Path old = dir.resolve("old-notes");
    try (var c = database(old)) {
      assertThat(Migrations.migrate(c, 2)).isEqualTo(2);
      var st = c.createStatement();
      st.execute(
          "INSERT INTO sweeps VALUES ('s1','old','completed','{}',NULL,'2026-11-20','2026-11-20')");
      st.execute(
          "INSERT INTO trials VALUES ('s1-t0','s1',0,'completed',1,'{\"bestValAccuracy\":0.9,\"finalValAccuracy\":0.25}')");
      st.execute(
          "INSERT INTO trials VALUES ('s1-t1','s1',1,'completed',1,'{\"finalValAccuracy\":0.75}')");
      st.execute(
          "INSERT INTO trials VALUES ('s1-t2','s1',2,'failed',1,'{\"finalValAccuracy\":0.95}')");
    }
    store = Store.open(vertx, old);
    JsonObject s = await(store.sweep("s1"));
    assertThat(s.getString("notes")).isEmpty();
    assertThat(s.getJsonArray("tags")).isEmpty();
    assertThat(s.getBoolean("archived")).isFalse();
    assertThat(s.getJsonObject("best"))
        .isEqualTo(
            new JsonObject()
                .put("metric", "val_accuracy")
                .put("mode", "max")
                .put("value", 0.75)
                .put("trial", "s1-t1"));
    assertThat(await(store.updateSweepMeta("s1", null, null, true))).isTrue();
    assertThat(await(store.sweeps())).isEmpty();
    assertThat(await(store.sweeps(true))).hasSize(1);
    assertThat(await(store.updateSweepMeta("s2", "x", null, null))).isFalse();
  }

  @Test
  @DisplayName(
      "a sweep's best is its first objective's: a minimised metric at the last epoch, or a cost,"
          + " over completed trials only; ranked when a database of before V4 is migrated and"
          + " whenever the store writes a trial")
  void bestFollowsObjective() throws Exception {
    store.close();
    Path d = dir.resolve("best-objective");
    try (var c = database(d)) {
      assertThat(Migrations.migrate(c, 3)).isEqualTo(3); // trials without a rank, ranked by V4
      var st = c.createStatement();
      st.execute(
          "INSERT INTO sweeps(id,name,state,spec,created,updated) VALUES ('loss','l','completed',"
              + "'{\"objectives\":[{\"metric\":\"train_loss\",\"mode\":\"min\"}]}','1','1'),"
              + " ('cost','c','completed','{\"objectives\":[{\"metric\":\"macs\",\"mode\":\"min\"},"
              + "{\"metric\":\"val_accuracy\",\"mode\":\"max\"}]}','2','2')");
      for (String sweep : List.of("loss", "cost")) {
        st.execute(
            "INSERT INTO trials VALUES ('"
                + sweep
                + "-0','"
                + sweep
                + "',0,'completed',1,"
                + "'{\"macs\":300,\"epochValues\":{\"train_loss\":0.9,\"val_accuracy\":0.8}}'),"
                + " ('"
                + sweep
                + "-1','"
                + sweep
                + "',1,'completed',1,"
                + "'{\"macs\":200,\"epochValues\":{\"train_loss\":0.4,\"val_accuracy\":0.6}}'),"
                + " ('"
                + sweep
                + "-2','"
                + sweep
                + "',2,'pruned',1,"
                + "'{\"macs\":100,\"epochValues\":{\"train_loss\":0.1,\"val_accuracy\":0.9}}')");
      }
    }
    store = Store.open(vertx, d);
    assertThat(await(store.sweep("loss")).getJsonObject("best"))
        .isEqualTo(
            new JsonObject()
                .put("metric", "train_loss")
                .put("mode", "min")
                .put("value", 0.4)
                .put("trial", "loss-1"));
    assertThat(await(store.sweep("cost")).getJsonObject("best"))
        .isEqualTo(
            new JsonObject()
                .put("metric", "macs")
                .put("mode", "min")
                .put("value", 200.0)
                .put("trial", "cost-1"));
    // written through the store: ranked as it is written; a pruned trial still never counts
    await(
        store.saveTrial(
            new JsonObject()
                .put("id", "loss-3")
                .put("sweep", "loss")
                .put("index", 3)
                .put("state", "completed")
                .put("attempt", 1)
                .put("epochValues", new JsonObject().put("train_loss", 0.2))));
    await(
        store.saveTrial(
            new JsonObject()
                .put("id", "loss-4")
                .put("sweep", "loss")
                .put("index", 4)
                .put("state", "pruned")
                .put("attempt", 1)
                .put("epochValues", new JsonObject().put("train_loss", 0.05))));
    assertThat(await(store.sweep("loss")).getJsonObject("best"))
        .isEqualTo(
            new JsonObject()
                .put("metric", "train_loss")
                .put("mode", "min")
                .put("value", 0.2)
                .put("trial", "loss-3"));
  }

  /** A connection to a new store's database file in {@code folder}, written by the test itself. */
  private static java.sql.Connection database(Path folder) throws Exception {
    java.nio.file.Files.createDirectories(folder);
    return DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("inception.db"));
  }

  private java.util.Map<String, Double> values(String trial) throws Exception {
    JsonArray a = await(store.metrics(trial, -1, null, 100));
    java.util.Map<String, Double> m = new java.util.HashMap<>();
    for (int i = 0; i < a.size(); i++)
      m.put(a.getJsonObject(i).getString("name"), a.getJsonObject(i).getDouble("value"));
    return m;
  }
}
