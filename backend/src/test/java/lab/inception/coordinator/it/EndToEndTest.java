package lab.inception.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.worker.verticle.ProcessLauncher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real trials (TrialMain on synthetic-shapes, tiny widths and slices) through the whole system. */
class EndToEndTest {

  static final String TINY =
      """
      name: e2e
      dataset: synthetic-shapes
      parameters:
        model: googlenet
        stem: small
        width: 0.0625
        lr: [0.05, 0.1]
        epochs: EPOCHS
        batchSize: 32
        limitTrain: 64
        limitTest: 32
      """;

  static String tiny(int epochs) {
    return TINY.replace("EPOCHS", String.valueOf(epochs));
  }

  @TempDir Path dir;

  /** Every trial completed, with parameters, MACs and accuracy; each metric (name, step) once. */
  static void assertComplete(Api api, String id, int epochs) throws Exception {
    JsonArray rows = api.array("/api/sweeps/" + id + "/results");
    assertThat(rows).hasSize(2);
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      assertThat(r.getString("state")).as(r.encode()).isEqualTo("completed");
      assertThat(r.getLong("params")).isPositive();
      assertThat(r.getLong("macs")).isPositive();
      assertThat(r.getDouble("testAccuracy")).isBetween(0.0, 1.0);
      assertThat(r.getJsonObject("parameters").getString("model")).isEqualTo("googlenet");
      JsonArray loss =
          api.array("/api/trials/" + r.getString("trial") + "/metrics?name=train_loss");
      List<Long> steps = loss.stream().map(o -> ((JsonObject) o).getLong("step")).toList();
      assertThat(steps).doesNotHaveDuplicates().isSorted();
      assertThat(steps.get(steps.size() - 1) - steps.get(0) + 1)
          .as("every step once: " + steps)
          .isEqualTo(steps.size());
      assertThat(loss.getJsonObject(loss.size() - 1).getInteger("epoch")).isEqualTo(epochs);
      JsonArray val =
          api.array("/api/trials/" + r.getString("trial") + "/metrics?name=val_accuracy");
      assertThat(val.stream().map(o -> ((JsonObject) o).getInteger("epoch")).toList())
          .hasSize(epochs)
          .doesNotHaveDuplicates();
    }
  }

  @Test
  @DisplayName(
      "embedded: a tiny synthetic-shapes sweep completes, results have params, MACs and accuracy, SSE carried every point")
  void embedded() throws Exception {
    Server.Options o =
        new Server.Options(
            dir,
            dir.resolve("ckpt"),
            new HttpConfig("127.0.0.1", 0, null),
            null,
            1,
            "cpu",
            30_000,
            ProcessLauncher.standard());
    try (Server server = Server.start(o)) {
      Api api = new Api("http://127.0.0.1:" + server.port());
      try (Api.Sse sse = api.new Sse()) {
        String id = api.submit(tiny(1));
        api.until(
            "/api/sweeps/" + id,
            s -> s.getString("state").equals("completed") || s.getString("state").equals("failed"),
            400);
        assertComplete(api, id, 1);
        Set<String> stored = new HashSet<>();
        for (Object t : api.array("/api/sweeps/" + id + "/trials")) {
          String tid = ((JsonObject) t).getString("id");
          for (Object p : api.array("/api/trials/" + tid + "/metrics"))
            stored.add(key(tid, (JsonObject) p));
        }
        Thread.sleep(300);
        Set<String> streamed =
            sse.metrics.stream().map(p -> key(p.getString("trial"), p)).collect(Collectors.toSet());
        assertThat(stored).isNotEmpty();
        assertThat(streamed).containsAll(stored);
        assertThat(sse.metrics).allSatisfy(p -> assertThat(p.getString("sweep")).isEqualTo(id));
      }
    }
  }

  private static String key(String trial, JsonObject p) {
    return trial
        + "|"
        + p.getString("name")
        + "|"
        + p.getLong("step")
        + "|"
        + p.getInteger("attempt")
        + "|"
        + p.getDouble("value");
  }
}
