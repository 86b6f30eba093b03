package lab.inception.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lab.inception.worker.protocol.FailureKind;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.protocol.TrialOutput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialMainTest {

  @TempDir Path tmp;

  private List<JsonObject> run(int[] exit, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exit[0] = new TrialMain(new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
    return out.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();
  }

  /** A trial of a few seconds: a narrow googlenet-tv on 128 synthetic 16×16 images. */
  private static Map<String, Object> tiny() {
    Map<String, Object> cfg =
        new java.util.HashMap<>(TrainingRunnerTest.cfg(Map.of("width", 0.0625)).toMap());
    cfg.put("dataset", "synthetic-shapes");
    cfg.put("limitTrain", 128);
    cfg.put("limitTest", 32);
    cfg.put("imageSize", 16);
    return cfg;
  }

  @Test
  @DisplayName("a trial prints only JSON lines: started, metrics, epochs, checkpoints, result")
  void jsonLinesAndResume() throws Exception {
    Map<String, Object> cfg = tiny();
    cfg.put("validationFraction", 0.25);
    Path file = tmp.resolve("trial.json");
    Files.writeString(file, new JsonObject(cfg).encode());
    Path cp = tmp.resolve("cp");
    int[] exit = new int[1];
    List<JsonObject> lines =
        run(exit, "--config", file.toString(), "--checkpoint-dir", cp.toString(), "--attempt", "1");
    assertThat(exit[0]).isZero();
    assertThat(lines.get(0).getString("type")).isEqualTo("started");
    assertThat(lines.get(0).getLong("params")).isPositive();
    assertThat(lines.get(0).getLong("macs")).isPositive();
    JsonObject result = lines.get(lines.size() - 1);
    assertThat(result.getString("type")).isEqualTo("result");
    assertThat(result.getDouble("testAccuracy")).isBetween(0.0, 1.0);
    assertThat(result.fieldNames())
        .contains(
            "bestValAccuracy", "finalValAccuracy", "seconds", "imagesPerSec", "params", "macs");
    List<JsonObject> metrics =
        lines.stream().filter(l -> l.getString("type").equals("metric")).toList();
    assertThat(metrics.stream().map(m -> m.getString("name")).distinct())
        .contains(
            "train_loss",
            "aux_loss",
            "lr",
            "images_per_sec",
            "val_loss",
            "val_accuracy",
            "val_top5");
    // every line is the protocol's, and every metric name is the catalog's
    for (JsonObject l : lines) assertThat(TrialOutput.parse(l.encode())).as(l.encode()).isNotNull();
    assertThat(metrics).allSatisfy(m -> assertThat(Metric.of(m.getString("name"))).isPresent());
    // train_loss is the main head's loss: the optimised total is train_loss + auxWeight · aux_loss
    double auxWeight = ((Number) cfg.get("auxWeight")).doubleValue();
    assertThat(auxWeight).isPositive();
    Map<Long, Map<String, Double>> byStep = new java.util.TreeMap<>();
    for (JsonObject m : metrics)
      byStep
          .computeIfAbsent(m.getLong("step"), k -> new java.util.HashMap<>())
          .put(m.getString("name"), m.getDouble("value"));
    long checked = 0;
    for (Map<String, Double> at : byStep.values()) {
      if (!at.containsKey("train_total_loss")) continue;
      assertThat(at).containsKeys("train_loss", "aux_loss");
      assertThat(at.get("train_total_loss"))
          .isCloseTo(at.get("train_loss") + auxWeight * at.get("aux_loss"), within(1e-4));
      assertThat(at.get("train_loss")).isLessThan(at.get("train_total_loss"));
      checked++;
    }
    assertThat(checked).isGreaterThan(2);
    // the epoch message carries the epoch's validation metrics, the same values as the lines
    for (JsonObject e : lines.stream().filter(l -> l.getString("type").equals("epoch")).toList()) {
      Map<String, Double> at = byStep.get(e.getLong("step"));
      JsonObject em = e.getJsonObject("metrics");
      assertThat(em.fieldNames()).containsExactlyInAnyOrder("val_loss", "val_accuracy", "val_top5");
      for (String k : em.fieldNames()) assertThat(em.getDouble(k)).isEqualTo(at.get(k));
    }
    assertThat(metrics.get(0).getLong("time")) // epoch milliseconds, taken during this test
        .isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis());
    assertThat(
            lines.stream()
                .filter(l -> l.getString("type").equals("epoch"))
                .map(l -> l.getInteger("epoch")))
        .containsExactly(1, 2);
    assertThat(lines.stream().filter(l -> l.getString("type").equals("checkpoint"))).hasSize(2);
    long lastStepEpoch1 =
        metrics.stream()
            .filter(m -> m.getInteger("epoch") == 1)
            .mapToLong(m -> m.getLong("step"))
            .max()
            .orElseThrow();

    // a second attempt after losing the last checkpoint resumes from epoch 1 with global steps
    deleteTree(cp.resolve("epoch-0002"));
    List<JsonObject> again =
        run(exit, "--config", file.toString(), "--checkpoint-dir", cp.toString(), "--attempt", "2");
    assertThat(exit[0]).isZero();
    assertThat(again.get(0).getInteger("startEpoch")).isEqualTo(2);
    JsonObject firstMetric =
        again.stream().filter(l -> l.getString("type").equals("metric")).findFirst().orElseThrow();
    assertThat(firstMetric.getLong("step")).isGreaterThan(lastStepEpoch1);
    assertThat(firstMetric.getInteger("epoch")).isEqualTo(2);
    assertThat(again.get(again.size() - 1).getDouble("testAccuracy"))
        .isEqualTo(result.getDouble("testAccuracy"));
  }

  @Test
  @DisplayName("bad input exits 2 with one error line; usage errors too")
  void badInput() throws Exception {
    Path file = tmp.resolve("bad.json");
    Files.writeString(
        file, "{\"model\": \"alexnet\", \"dataset\": \"synthetic-shapes\", \"limitTrain\": 64}");
    int[] exit = new int[1];
    List<JsonObject> lines =
        run(
            exit,
            "--config",
            file.toString(),
            "--checkpoint-dir",
            tmp.resolve("x").toString(),
            "--attempt",
            "1");
    assertThat(exit[0]).isEqualTo(2);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getString("type")).isEqualTo("failure");
    assertThat(lines.get(0).getString("kind")).isEqualTo("bad-input");
    assertThat(lines.get(0).getString("message")).contains("unknown model 'alexnet'");

    Files.writeString(file, "not json");
    lines = run(exit, "--config", file.toString(), "--checkpoint-dir", tmp.resolve("x").toString());
    assertThat(exit[0]).isEqualTo(2);
    assertThat(lines.get(0).getString("message")).contains("not a JSON object");

    lines = run(exit, "--config");
    assertThat(exit[0]).isEqualTo(2);
    assertThat(lines.get(0).getString("message")).contains("--config needs a value");
  }

  private static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }

  @Test
  @DisplayName("a loss that becomes NaN ends the trial as diverged, exit status 3")
  void diverged() throws Exception {
    Map<String, Object> cfg = tiny();
    cfg.put("lr", 1e30);
    cfg.put("epochs", 1);
    Path file = tmp.resolve("nan.json");
    Files.writeString(file, new JsonObject(cfg).encode());
    int[] exit = new int[1];
    List<JsonObject> lines =
        run(exit, "--config", file.toString(), "--checkpoint-dir", tmp.resolve("d").toString());
    assertThat(exit[0]).isEqualTo(FailureKind.DIVERGED.exitStatus()).isEqualTo(3);
    JsonObject last = lines.get(lines.size() - 1);
    assertThat(last.getString("type")).isEqualTo("failure");
    assertThat(last.getString("kind")).isEqualTo("diverged");
    assertThat(last.getString("message")).startsWith("training diverged: loss is");
  }
}
