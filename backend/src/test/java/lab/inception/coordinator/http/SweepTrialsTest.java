package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.store.StoreCase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One parse of a sweep's trials per version of its documents, over a real store. */
class SweepTrialsTest extends StoreCase {

  private static JsonObject trial(String sweep, int i, String state) {
    return new JsonObject()
        .put("id", sweep + "-" + i)
        .put("sweep", sweep)
        .put("index", i)
        .put("state", state)
        .put("attempt", 0)
        .put("created", "2026-12-02T00:00:00Z") // else read back as "now"
        .put("parameters", new JsonObject().put("lr", 0.1 * (i + 1)));
  }

  private void sweep(String id, int n) throws Exception {
    List<JsonObject> trials = new ArrayList<>();
    for (int i = 0; i < n; i++) trials.add(trial(id, i, "queued"));
    await(
        store.insertSweep(
            new JsonObject()
                .put("id", id)
                .put("name", id)
                .put("state", "running")
                .put("spec", new JsonObject()),
            "name: " + id,
            trials));
  }

  private static List<String> states(JsonArray list) {
    List<String> out = new ArrayList<>();
    for (Object o : list) out.add(((JsonObject) o).getString("state"));
    return out;
  }

  @Test
  @DisplayName(
      "requests share one read of a sweep's trials until one of its documents is written, and"
          + " then see the write; another sweep's writes leave it be")
  void oneReadPerVersion() throws Exception {
    SweepTrials cache = new SweepTrials(vertx, store, 100);
    sweep("a", 3);
    sweep("b", 2);
    var first = cache.of("a");
    assertThat(cache.of("a")).as("asked again before the first read finished").isSameAs(first);
    var snap = await(first);
    assertThat(states(new JsonArray(await(snap.list()))))
        .containsExactly("queued", "queued", "queued");
    assertThat(snap.list()).as("the list written once").isSameAs(snap.list());
    assertThat(cache.of("a")).isSameAs(first);

    await(store.saveTrial(trial("b", 0, "running")));
    assertThat(cache.of("a")).as("sweep b's write").isSameAs(first);

    await(store.saveTrial(trial("a", 1, "running")));
    var second = cache.of("a");
    assertThat(second).isNotSameAs(first);
    var now = await(second);
    assertThat(states(new JsonArray(await(now.list()))))
        .containsExactly("queued", "running", "queued");
    JsonArray rows = new JsonArray(await(now.results()));
    assertThat(states(rows)).containsExactly("queued", "running", "queued");
    assertThat(rows.getJsonObject(2).getJsonObject("parameters").getDouble("lr"))
        .isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
    // the trial list and result rows match what is built from the stored documents directly
    JsonArray docs = await(store.trials("a"));
    assertThat(new JsonArray(await(now.list()))).isEqualTo(Trials.all(docs));
    assertThat(rows).isEqualTo(Results.rows(docs));
  }

  @Test
  @DisplayName("it holds at most its bound of trials: the least recently used sweep is read again")
  void bounded() throws Exception {
    SweepTrials cache = new SweepTrials(vertx, store, 5);
    sweep("a", 3);
    sweep("b", 3);
    var a = cache.of("a");
    await(a);
    assertThat(cache.of("a")).isSameAs(a);
    await(cache.of("b")); // 6 trials held: a, used least recently, goes
    assertThat(cache.of("a")).isNotSameAs(a);
  }
}
