package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code limit}/{@code cursor}/{@code sort}/filters on the list endpoints over a real store, every
 * answer checked by the contract.
 */
@ExtendWith(VertxExtension.class)
class PagingTest {

  @TempDir Path dir;
  ApiHarness h;
  String sweep;
  List<JsonObject> docs = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
    sweep = submit("paged", 23);
    // give the trials outcomes as a finished sweep has them: states, accuracies (some missing)
    for (Object o : new JsonArray(h.get("/api/sweeps/" + sweep + "/trials").body())) {
      JsonObject t = (JsonObject) o;
      int i = t.getInteger("index");
      if (i % 4 != 3) {
        double acc =
            ((i * 37) % 23) / 23.0; // distinct but out of index order; ties where i%23 equal
        t.put("state", i % 5 == 0 ? "pruned" : "completed")
            .put("result", new JsonObject().put("bestValAccuracy", acc))
            .put("bestValAccuracy", acc)
            .put("params", 1000L + (i % 3));
      }
      docs.add(t);
    }
    ApiHarness.await(h.store.saveTrials(docs));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String submit(String name, int trials) throws Exception {
    var r =
        h.post(
            "/api/sweeps",
            "name: "
                + name
                + "\ndataset: synthetic-shapes\nmethod: random\nmaxTrials: "
                + trials
                + "\nparameters:\n  model: [googlenet, bn-inception]\n  lr: {min: 0.001, max: 0.1}\n"
                + "  epochs: 1\n");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  private JsonObject page(String path) throws Exception {
    var r = h.get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** Every page of {@code path} (which has its query), {@code between} run after each page. */
  private List<JsonObject> all(String path, ThrowingRunnable between) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject p =
          page(
              path
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      p.getJsonArray("items").forEach(o -> out.add((JsonObject) o));
      cursor = p.getString("next");
      between.run();
      assertThat(++pages).as("pages end").isLessThan(100);
    } while (cursor != null);
    return out;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  @DisplayName(
      "pages of trials hold every trial exactly once, in index order, also while trials are added")
  void everyRowOnce() throws Exception {
    int[] added = {0};
    List<JsonObject> rows =
        all(
            "/api/sweeps/" + sweep + "/trials?limit=5",
            () -> {
              // a trial appended to the sweep between pages (as a store of a newer version might)
              JsonObject extra =
                  docs.get(0).copy().put("id", "extra-" + added[0]).put("index", 100 + added[0]++);
              ApiHarness.await(h.store.saveTrial(extra));
            });
    List<String> ids = rows.stream().map(r -> r.getString("id")).toList();
    assertThat(new HashSet<>(ids)).as("no row twice").hasSize(ids.size());
    assertThat(ids).containsAll(docs.stream().map(d -> d.getString("id")).toList());
    assertThat(rows).extracting(r -> r.getInteger("index")).isSorted();
    JsonObject first = page("/api/sweeps/" + sweep + "/trials?limit=5");
    assertThat(first.getInteger("total")).isEqualTo(23 + added[0]);
    assertThat(first.getJsonArray("items")).hasSize(5);
  }

  @Test
  @DisplayName("results sorted by a column come in its order, missing values last, ties by index")
  void sorted() throws Exception {
    Comparator<JsonObject> byAcc =
        Comparator.comparing(
            (JsonObject r) -> r.getDouble("bestValAccuracy"),
            Comparator.nullsLast(Comparator.<Double>reverseOrder()));
    List<JsonObject> expected = new ArrayList<>(docs);
    expected.sort(byAcc.thenComparing(r -> -r.getInteger("index")));
    List<JsonObject> rows =
        all("/api/sweeps/" + sweep + "/results?limit=4&sort=-bestValAccuracy", () -> {});
    assertThat(rows)
        .extracting(r -> r.getString("trial"))
        .containsExactlyElementsOf(expected.stream().map(d -> d.getString("id")).toList());
    // ascending: the same values rising, missing ones still last
    List<JsonObject> up =
        all("/api/sweeps/" + sweep + "/results?limit=6&sort=bestValAccuracy", () -> {});
    List<Double> values = up.stream().map(r -> r.getDouble("bestValAccuracy")).toList();
    assertThat(values.subList(0, 18)).isSorted().doesNotContainNull();
    assertThat(values.subList(18, 23)).containsOnlyNulls();
    // the whole list, sorted, without limit: an array as before
    JsonArray whole = new JsonArray(h.get("/api/sweeps/" + sweep + "/results?sort=-params").body());
    assertThat(whole).hasSize(23);
    assertThat(
            whole.stream()
                .map(o -> ((JsonObject) o).getLong("params"))
                .filter(p -> p != null)
                .toList())
        .isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  @DisplayName(
      "filters by state and by a parameter's value are applied on the server, with their totals")
  void filtered() throws Exception {
    List<JsonObject> pruned =
        all("/api/sweeps/" + sweep + "/trials?limit=2&state=pruned", () -> {});
    assertThat(pruned).isNotEmpty().allMatch(t -> t.getString("state").equals("pruned"));
    long want = docs.stream().filter(d -> d.getString("state").equals("pruned")).count();
    assertThat(pruned).hasSize((int) want);
    JsonObject p =
        page(
            "/api/sweeps/"
                + sweep
                + "/results?limit=50&state=completed,pruned&param=model:googlenet");
    long both =
        docs.stream()
            .filter(d -> !d.getString("state").equals("queued"))
            .filter(d -> d.getJsonObject("parameters").getString("model").equals("googlenet"))
            .count();
    assertThat(p.getInteger("total")).isEqualTo((int) both);
    assertThat(p.getJsonArray("items")).hasSize((int) both);
    assertThat(p.getString("next")).isNull();
    double lr = docs.get(2).getJsonObject("parameters").getDouble("lr");
    JsonObject one = page("/api/sweeps/" + sweep + "/trials?limit=5&param=lr:" + lr);
    assertThat(one.getJsonArray("items"))
        .extracting(o -> ((JsonObject) o).getString("id"))
        .containsExactly(docs.get(2).getString("id"));
  }

  @Test
  @DisplayName("pages of sweeps, newest first, hold every sweep once while sweeps are submitted")
  void sweeps() throws Exception {
    Set<String> before = new HashSet<>();
    before.add(sweep);
    for (int i = 0; i < 6; i++) before.add(submit("s" + i, 1));
    int[] n = {0};
    List<JsonObject> rows = all("/api/sweeps?limit=2", () -> submit("late" + n[0]++, 1));
    List<String> ids = rows.stream().map(r -> r.getString("id")).toList();
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    assertThat(ids).containsAll(before);
    assertThat(rows)
        .extracting(r -> r.getString("created"))
        .isSortedAccordingTo(Comparator.reverseOrder());
    JsonObject byName = page("/api/sweeps?limit=3&sort=name");
    assertThat(byName.getJsonArray("items"))
        .extracting(o -> ((JsonObject) o).getString("name"))
        .isSorted();
    assertThat(new JsonArray(h.get("/api/sweeps").body()).size())
        .as("the whole list as before")
        .isEqualTo(byName.getInteger("total"));
    assertThat(page("/api/sweeps?limit=1000&state=cancelled").getInteger("total")).isZero();
    // an archived sweep leaves the pages unless they ask for the archived ones too
    var archived =
        h.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(h.base + "/api/sweeps/" + sweep))
                .header("Content-Type", "application/json")
                .method(
                    "PATCH",
                    java.net.http.HttpRequest.BodyPublishers.ofString("{\"archived\": true}")));
    assertThat(archived.statusCode()).as(archived.body()).isEqualTo(200);
    assertThat(all("/api/sweeps?limit=3", () -> {}))
        .extracting(r -> r.getString("id"))
        .doesNotContain(sweep);
    assertThat(all("/api/sweeps?limit=3&archived=true", () -> {}))
        .extracting(r -> r.getString("id"))
        .contains(sweep);
  }

  @Test
  @DisplayName("bad limits, sorts, states, parameters and cursors are 400s naming the problem")
  void badQueries() throws Exception {
    String t = "/api/sweeps/" + sweep + "/trials?";
    String next = page(t + "limit=2").getString("next");
    assertThat(error(t + "limit=0")).contains("limit");
    assertThat(error(t + "limit=1001")).contains("limit").contains("1000");
    assertThat(error(t + "limit=2&sort=doc")).contains("sort").contains("bestValAccuracy");
    assertThat(error(t + "limit=2&state=done")).contains("done").contains("pruned");
    assertThat(error(t + "limit=2&param=color:red")).contains("color");
    assertThat(error(t + "limit=2&param=model")).contains("NAME:VALUE");
    assertThat(error(t + "limit=2&cursor=garbage")).contains("cursor");
    assertThat(error(t + "limit=2&cursor=" + next.substring(1))).contains("cursor");
    assertThat(error(t + "limit=2&sort=-index&cursor=" + next)).contains("cursor");
    assertThat(error(t + "cursor=" + next)).contains("limit");
    assertThat(error("/api/sweeps?limit=2&sort=params")).contains("sort");
    assertThat(error("/api/sweeps?limit=2&param=model:googlenet")).contains("param");
  }

  private String error(String path) throws Exception {
    var r = h.get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(400);
    return new JsonObject(r.body()).getString("error");
  }
}
