package lab.inception.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.coordinator.sweep.SweepExpander;
import lab.inception.coordinator.sweep.SweepParser;
import lab.inception.coordinator.sweep.TrialCost;
import lab.inception.worker.verticle.ProcessLauncher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real two-objective TPE sweep (TrialMain on synthetic-shapes, tiny widths and slices) through
 * the HTTP API, with a coordinator restart half-way.
 */
class TpeEndToEndTest {

  static final String SWEEP =
      """
      name: tpe-e2e
      dataset: synthetic-shapes
      method: tpe
      maxTrials: 4
      maxConcurrent: 1
      seed: 3
      tpe: {startupTrials: 2}
      objectives: [{metric: val_accuracy, mode: max}, {metric: macs, mode: min}]
      constraints: {maxMacs: BUDGET}
      parameters:
        model: googlenet
        stem: small
        width: [0.0625, 0.125]
        auxWeight: [0.0, 0.3]
        lr: {min: 0.01, max: 0.3, scale: log}
        epochs: 1
        batchSize: 32
        limitTrain: 64
        limitTest: 32
      """;

  @TempDir Path dir;

  Server start() throws Exception {
    return Server.start(
        new Server.Options(
            dir,
            dir.resolve("ckpt"),
            new HttpConfig("127.0.0.1", 0, null),
            null,
            1,
            "cpu",
            3_000,
            ProcessLauncher.standard()));
  }

  @Test
  @DisplayName(
      "a TPE sweep over a budget completes after a coordinator restart: every trial within the budget (as its process measured), indices 0-3 once each, importance and front served")
  void tpeSweep() throws Exception {
    // the budget admits width 0.0625 only: what the trial process reports must agree
    Map<String, Object> narrow =
        SweepExpander.trial(
            SweepParser.parse(SWEEP.replace("BUDGET", "1e15")),
            Map.of(
                "model",
                "googlenet",
                "stem",
                "small",
                "width",
                0.0625,
                "auxWeight",
                0.3,
                "limitTrain",
                64,
                "limitTest",
                32,
                "epochs",
                1,
                "batchSize",
                32));
    long budget = TrialCost.of(narrow).orElseThrow().macs();
    String sweep = SWEEP.replace("BUDGET", Long.toString(budget));
    String id;
    try (Server server = start()) {
      Api api = new Api("http://127.0.0.1:" + server.port());
      id = api.submit(sweep);
      api.until(
          "/api/sweeps/" + id, s -> s.getJsonObject("counts").getInteger("completed", 0) >= 2, 300);
    }
    try (Server server = start()) {
      Api api = new Api("http://127.0.0.1:" + server.port());
      JsonObject s =
          api.until(
              "/api/sweeps/" + id,
              x ->
                  !x.getString("state").equals("running") && !x.getString("state").equals("paused"),
              400);
      assertThat(s.getString("state")).isEqualTo("completed");
      JsonArray trials = api.array("/api/sweeps/" + id + "/trials");
      Set<Integer> indices = new HashSet<>();
      int completed = 0;
      for (Object o : trials) {
        JsonObject t = (JsonObject) o;
        indices.add(t.getInteger("index"));
        if (!t.getString("state").equals("completed")) continue;
        completed++;
        assertThat(t.getJsonObject("parameters").getDouble("width")).isEqualTo(0.0625);
        assertThat(t.getLong("macs")).as("measured by the trial").isLessThanOrEqualTo(budget);
        assertThat(t.getJsonObject("epochValues").getDouble("val_accuracy")).isBetween(0.0, 1.0);
      }
      assertThat(indices).containsExactlyInAnyOrder(0, 1, 2, 3);
      assertThat(completed).isGreaterThanOrEqualTo(3);

      JsonObject imp = api.object("/api/sweeps/" + id + "/importance");
      assertThat(imp.getString("method")).isEqualTo("fanova");
      assertThat(imp.getInteger("trials")).isEqualTo(completed);
      assertThat(imp.getJsonObject("objective").getString("metric")).isEqualTo("val_accuracy");
      JsonArray params = imp.getJsonArray("parameters");
      assertThat(params.stream().map(p -> ((JsonObject) p).getString("name")))
          .containsExactlyInAnyOrder("width", "auxWeight", "lr");
      double sum = params.stream().mapToDouble(p -> ((JsonObject) p).getDouble("importance")).sum();
      assertThat(sum)
          .satisfiesAnyOf(
              v -> assertThat(v).isCloseTo(1.0, within(1e-9)), v -> assertThat(v).isZero());
      assertThat(api.get("/api/sweeps/" + id + "/importance.csv"))
          .startsWith("parameter,importance\n");
      assertThat(
              api.object("/api/sweeps/" + id + "/importance?objective=1")
                  .getJsonObject("objective")
                  .getString("metric"))
          .isEqualTo("macs");

      JsonObject front = api.object("/api/sweeps/" + id + "/front");
      assertThat(front.getInteger("completed")).isEqualTo(completed);
      JsonArray rows = front.getJsonArray("trials");
      assertThat(rows).isNotEmpty();
      for (Object o : rows) {
        JsonArray v = ((JsonObject) o).getJsonArray("values");
        assertThat(v).hasSize(2);
        assertThat(v.getLong(1)).isLessThanOrEqualTo(budget);
      }
      assertThat(api.get("/api/sweeps/" + id + "/front.csv"))
          .startsWith("trial,index,val_accuracy,macs,");
    }
  }
}
