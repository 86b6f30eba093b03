package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import lab.inception.worker.protocol.MetricPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code PATCH} and {@code DELETE /api/sweeps/{id}}: notes, tags, archive and deletion. */
@ExtendWith(VertxExtension.class)
class SweepEditTest {

  @TempDir Path dir;
  ApiHarness h;

  static final String SWEEP =
      "name: edits\nparameters:\n  model: googlenet\n  lr: [0.1, 0.01]\n  epochs: 1\n";

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String submit() throws Exception {
    HttpResponse<String> r = h.post("/api/sweeps", SWEEP);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  private HttpResponse<String> patch(String id, String json) throws Exception {
    return h.send(
        HttpRequest.newBuilder(URI.create(h.base + "/api/sweeps/" + id))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> delete(String id) throws Exception {
    return h.send(HttpRequest.newBuilder(URI.create(h.base + "/api/sweeps/" + id)).DELETE());
  }

  private static JsonObject status(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return new JsonObject(r.body());
  }

  private List<String> listed(String query) throws Exception {
    return new JsonArray(h.get("/api/sweeps" + query).body())
        .stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  @DisplayName("notes and tags are stored as given (tags trimmed, duplicates dropped) and kept")
  void notesAndTags() throws Exception {
    String id = submit();
    JsonObject fresh = new JsonObject(h.get("/api/sweeps/" + id).body());
    assertThat(fresh.getString("notes")).isEmpty();
    assertThat(fresh.getJsonArray("tags")).isEmpty();
    assertThat(fresh.getBoolean("archived")).isFalse();
    assertThat(fresh.getValue("best")).isNull();

    JsonObject s =
        status(
            patch(
                id,
                "{\"notes\": \"naive vs reduced, seed 7\", \"tags\": [\" aux \", \"v1\", \"aux\"]}"),
            200);
    assertThat(s.getString("notes")).isEqualTo("naive vs reduced, seed 7");
    assertThat(s.getJsonArray("tags")).containsExactly("aux", "v1");
    // a field left out stays as it was
    s = status(patch(id, "{\"tags\": []}"), 200);
    assertThat(s.getString("notes")).isEqualTo("naive vs reduced, seed 7");
    assertThat(s.getJsonArray("tags")).isEmpty();
    assertThat(new JsonObject(h.get("/api/sweeps/" + id).body()).getString("notes"))
        .isEqualTo("naive vs reduced, seed 7");
  }

  @Test
  @DisplayName(
      "an edit with an unknown field, a wrong type or nothing in it is a 400 naming each problem; an unknown id a 404")
  void badEdits() throws Exception {
    String id = submit();
    JsonObject e =
        status(patch(id, "{\"notes\": 3, \"tags\": [\"ok\", 4, \"\"], \"colour\": \"red\"}"), 400);
    assertThat(e.getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("path")))
        .containsExactlyInAnyOrder("colour", "notes", "tags[1]", "tags[2]");
    assertThat(status(patch(id, "{}"), 400).getString("error")).contains("nothing to change");
    assertThat(status(patch(id, "[1]"), 400).getString("error")).contains("JSON object");
    assertThat(status(patch(id, "{\"archived\": \"yes\"}"), 400).getString("error"))
        .contains("archived: must be true or false");
    assertThat(
            status(patch(id, "{\"notes\": \"" + "x".repeat(10_001) + "\"}"), 400)
                .getString("error"))
        .contains("at most 10000 characters");
    assertThat(status(patch("nope", "{\"notes\": \"x\"}"), 404).getString("error"))
        .contains("unknown sweep 'nope'");
    assertThat(status(h.get("/api/sweeps?archived=maybe"), 400).getString("error"))
        .contains("archived must be true or false");
    // nothing of a refused edit was stored
    assertThat(new JsonObject(h.get("/api/sweeps/" + id).body()).getString("notes")).isEmpty();
  }

  @Test
  @DisplayName(
      "an archived sweep leaves the list (still listed with archived=true, still readable by id) and comes back when unarchived")
  void archive() throws Exception {
    String a = submit();
    String b = submit();
    assertThat(status(patch(a, "{\"archived\": true}"), 200).getBoolean("archived")).isTrue();
    assertThat(listed("")).containsExactly(b);
    assertThat(listed("?archived=true")).containsExactlyInAnyOrder(a, b);
    assertThat(h.get("/api/sweeps/" + a).statusCode()).isEqualTo(200);
    status(patch(a, "{\"archived\": false}"), 200);
    assertThat(listed("")).containsExactlyInAnyOrder(a, b);
  }

  @Test
  @DisplayName(
      "a running or paused sweep is not deleted (409, nothing removed); once cancelled it is, with every row and file of it, and nothing of another sweep")
  void deleteSweep() throws Exception {
    String id = submit();
    String other = submit();
    JsonArray trials = new JsonArray(h.get("/api/sweeps/" + id + "/trials").body());
    String t0 = trials.getJsonObject(0).getString("id");
    String o0 =
        new JsonArray(h.get("/api/sweeps/" + other + "/trials").body())
            .getJsonObject(0)
            .getString("id");
    ApiHarness.await(
        h.store.insertMetrics(
            List.of(
                new MetricPoint(t0, "train_loss", 1, 0, 2.0, 1, 0),
                new MetricPoint(o0, "train_loss", 1, 0, 2.0, 1, 0))));
    ApiHarness.await(h.store.saveRung(id, 0, t0, 0.5));
    Path files = dir.resolve("ckpt").resolve(id).resolve(t0);
    Files.createDirectories(files);
    Files.writeString(files.resolve("attempt-1.log"), "a log\n");

    assertThat(status(delete(id), 409).getString("error")).contains("running").contains("cancel");
    status(h.post("/api/sweeps/" + id + "/pause", ""), 200);
    assertThat(status(delete(id), 409).getString("error")).contains("paused");
    assertThat(rows("SELECT COUNT(*) FROM trials WHERE sweep='" + id + "'")).isEqualTo(2);

    status(h.post("/api/sweeps/" + id + "/cancel", ""), 200);
    JsonObject d = status(delete(id), 200);
    assertThat(d.getString("id")).isEqualTo(id);
    assertThat(d.getInteger("trials")).isEqualTo(2);

    status(h.get("/api/sweeps/" + id), 404);
    status(h.get("/api/sweeps/" + id + "/trials"), 404);
    status(h.get("/api/trials/" + t0), 404);
    status(h.post("/api/trials/" + t0 + "/retry", ""), 404);
    status(delete(id), 404);
    assertThat(listed("?archived=true")).containsExactly(other);
    assertThat(Files.exists(dir.resolve("ckpt").resolve(id))).isFalse();
    // the store holds nothing of it, and all of the other sweep
    assertThat(rows("SELECT COUNT(*) FROM sweeps WHERE id='" + id + "'")).isZero();
    assertThat(rows("SELECT COUNT(*) FROM trials WHERE sweep='" + id + "'")).isZero();
    assertThat(rows("SELECT COUNT(*) FROM metrics WHERE trial LIKE '" + id + "-%'")).isZero();
    assertThat(rows("SELECT COUNT(*) FROM rungs WHERE sweep='" + id + "'")).isZero();
    assertThat(rows("SELECT COUNT(*) FROM trials WHERE sweep='" + other + "'")).isEqualTo(2);
    assertThat(rows("SELECT COUNT(*) FROM metrics WHERE trial='" + o0 + "'")).isEqualTo(1);
    assertThat(new JsonArray(h.get("/api/trials/" + o0 + "/metrics").body())).hasSize(1);
  }

  private long rows(String sql) throws Exception {
    h.store.barrier().toCompletionStage().toCompletableFuture().get();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("inception.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.getLong(1);
    }
  }

  @Test
  @DisplayName(
      "a trial's log is served whole, or its last bytes with tail; a tail out of range is a 400")
  void logTail() throws Exception {
    String id = submit();
    // a worker leases the first trial: its first attempt's log has a path under the checkpoints
    JsonObject lease =
        ApiHarness.await(
                h.vertx
                    .eventBus()
                    .<JsonObject>request(
                        lab.inception.worker.protocol.Addresses.LEASE_REQUEST,
                        new lab.inception.worker.protocol.LeaseRequest("w1", "n1", 0, "cpu")
                            .toJson()))
            .body();
    String trial = lease.getString("trial");
    assertThat(trial).startsWith(id);
    Path log = dir.resolve("ckpt").resolve(id).resolve(trial).resolve("attempt-1.log");
    Files.createDirectories(log.getParent());
    Files.writeString(log, "line one\nline two\nline three\n");
    HttpResponse<String> whole = h.get("/api/trials/" + trial + "/log?attempt=1");
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo("line one\nline two\nline three\n");
    assertThat(h.get("/api/trials/" + trial + "/log?attempt=1&tail=11").body())
        .isEqualTo("line three\n");
    assertThat(h.get("/api/trials/" + trial + "/log?tail=1000").body()).isEqualTo(whole.body());
    assertThat(status(h.get("/api/trials/" + trial + "/log?tail=0"), 400).getString("error"))
        .contains("tail must be between 1 and");
    status(h.get("/api/trials/" + trial + "/log?attempt=2"), 404);
  }
}
