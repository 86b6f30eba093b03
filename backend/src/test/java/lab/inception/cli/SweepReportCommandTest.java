package lab.inception.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.coordinator.Contract;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.it.ContractTrial;
import lab.inception.worker.verticle.ProcessLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep report} on a finished sweep of fast contract trials (each reports val_accuracy = lr
 * · epoch and the same test and best accuracies, 1000 params and 5000 MACs; lr × epochs × seed):
 * the report's tables, parsed back, equal the API's results, and its group statistics equal ones
 * computed here.
 */
class SweepReportCommandTest {
  static final List<String> ACCURACIES =
      List.of("bestValAccuracy", "finalValAccuracy", "testAccuracy");

  /** The group table's mean size, cost and speed columns. */
  static final List<String> COSTS = List.of("params", "macs", "seconds", "imagesPerSec");

  @TempDir static Path dir;
  static Server server;
  static String url;
  static String id;
  static JsonArray results;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void finishedSweep() throws Exception {
    server =
        TestServer.start(
            dir, 2, new ProcessLauncher(ContractTrial.class.getName(), List.of(), 2000));
    url = "http://127.0.0.1:" + server.port();
    Path f = dir.resolve("sweep.yaml");
    Files.writeString(
        f,
        "name: report\nparameters:\n  model: googlenet\n  lr: [0.1, 0.3]\n  seed: [1, 2]\n"
            + "  epochs: [1, 2]\n");
    CliRun submit = CliRun.of("sweep", "submit", f.toString(), "--server", url);
    assertThat(submit.status()).as(submit.err()).isZero();
    id = submit.out().strip();
    long end = System.nanoTime() + 120_000_000_000L;
    while (!get("/api/sweeps/" + id).getString("state").equals("completed")) {
      assertThat(System.nanoTime()).as("the sweep completes").isLessThan(end);
      Thread.sleep(200);
    }
    results = new JsonArray(text("/api/sweeps/" + id + "/results").body());
    assertThat(results).hasSize(8);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> text(String path) throws Exception {
    return Contract.check(
        http.send(
            HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  static JsonObject get(String path) throws Exception {
    return new JsonObject(text(path).body());
  }

  /** The Markdown tables of a report by the heading above them: header → cells, one map a row. */
  static Map<String, List<Map<String, String>>> tables(String md) {
    Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
    String heading = null;
    List<String> header = null;
    for (String line : md.split("\n")) {
      if (line.startsWith("## ")) {
        heading = line.substring(3).strip();
        header = null;
      } else if (line.startsWith("|") && heading != null) {
        List<String> cells = cells(line);
        if (header == null) {
          header = cells;
          out.put(heading, new ArrayList<>());
        } else if (!cells.get(0).equals("---")) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < header.size(); i++) row.put(header.get(i), cells.get(i));
          out.get(heading).add(row);
        }
      }
    }
    return out;
  }

  static List<String> cells(String line) {
    String inner = line.strip().substring(1, line.strip().length() - 1);
    List<String> cells = new ArrayList<>();
    for (String c : inner.split("(?<!\\\\)\\|")) cells.add(c.strip().replace("\\|", "|"));
    return cells;
  }

  static double number(String cell) {
    return Double.parseDouble(cell.replace(",", ""));
  }

  static Map<String, JsonObject> byTrial() {
    Map<String, JsonObject> m = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++)
      m.put(results.getJsonObject(i).getString("trial"), results.getJsonObject(i));
    return m;
  }

  /**
   * Checks a "By P, Q" table against statistics computed here from the API's rows: one row per
   * combination of the parameters' values in first-appearance order, each with its trial count,
   * each accuracy's mean, sample standard deviation and min–max, and the mean size, cost and speed.
   */
  static void assertGroups(List<Map<String, String>> table, List<String> params) {
    Map<List<String>, List<JsonObject>> groups = new LinkedHashMap<>();
    for (JsonObject r : byTrial().values()) {
      List<String> key = new ArrayList<>();
      for (String p : params) key.add(String.valueOf(r.getJsonObject("parameters").getValue(p)));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    assertThat(table)
        .extracting(row -> params.stream().map(row::get).toList())
        .containsExactlyElementsOf(groups.keySet());
    for (Map<String, String> row : table) {
      List<JsonObject> members = groups.get(params.stream().map(row::get).toList());
      assertThat(Integer.parseInt(row.get("trials"))).isEqualTo(members.size());
      for (String a : ACCURACIES) {
        double[] v = members.stream().mapToDouble(r -> r.getDouble(a)).toArray();
        DoubleSummaryStatistics st = Arrays.stream(v).summaryStatistics();
        assertThat(number(row.get(a + " mean"))).isCloseTo(st.getAverage(), within(5e-5));
        if (v.length < 2) assertThat(row.get(a + " ± std")).isEqualTo("—");
        else {
          double squares = Arrays.stream(v).map(x -> Math.pow(x - st.getAverage(), 2)).sum();
          assertThat(number(row.get(a + " ± std")))
              .isCloseTo(Math.sqrt(squares / (v.length - 1)), within(5e-5));
        }
        String[] range = row.get(a + " min–max").split("–");
        assertThat(number(range[0])).isCloseTo(st.getMin(), within(5e-5));
        assertThat(number(range[1])).isCloseTo(st.getMax(), within(5e-5));
      }
      for (String c : COSTS) {
        double mean = members.stream().mapToDouble(r -> r.getDouble(c)).average().orElseThrow();
        assertThat(number(row.get(c))).as(c).isCloseTo(mean, within(0.05 + 1e-9));
      }
    }
  }

  @Test
  @DisplayName(
      "report --out DIR writes ID.md whose results table equals GET /results, grouped by lr"
          + " (the first parameter that varies), and its charts as SVG files next to it")
  void markdownFiles() throws Exception {
    Path out = dir.resolve("md");
    CliRun r = CliRun.of("sweep", "report", id, "--out", out.toString(), "--server", url);
    assertThat(r.status()).as(r.err()).isZero();
    String md = Files.readString(out.resolve(id + ".md"));
    Map<String, List<Map<String, String>>> t = tables(md);
    assertThat(t).containsKeys("Results", "By lr", "Accuracy × MACs Pareto front");

    Map<String, JsonObject> api = byTrial();
    List<Map<String, String>> rows = t.get("Results");
    assertThat(rows).extracting(row -> row.get("trial")).containsExactlyElementsOf(api.keySet());
    for (Map<String, String> row : rows) {
      JsonObject a = api.get(row.get("trial"));
      assertThat(row.get("state")).isEqualTo(a.getString("state"));
      assertThat(number(row.get("lr"))).isEqualTo(a.getJsonObject("parameters").getDouble("lr"));
      assertThat(number(row.get("seed")))
          .isEqualTo(a.getJsonObject("parameters").getLong("seed").doubleValue());
      assertThat((long) number(row.get("params"))).isEqualTo(a.getLong("params"));
      assertThat((long) number(row.get("macs"))).isEqualTo(a.getLong("macs"));
      for (String k : ACCURACIES)
        assertThat(number(row.get(k))).isCloseTo(a.getDouble(k), within(5e-5));
    }
    assertThat(rows.get(0)).doesNotContainKey("model"); // constant: in the configuration only
    assertGroups(t.get("By lr"), List.of("lr"));

    // every trial has 1000 params and 5000 MACs: the front is the best accuracy, ties included
    double best =
        api.values().stream().mapToDouble(x -> x.getDouble("bestValAccuracy")).max().orElseThrow();
    assertThat(t.get("Accuracy × MACs Pareto front"))
        .extracting(row -> row.get("trial"))
        .containsExactlyInAnyOrderElementsOf(
            api.values().stream()
                .filter(x -> x.getDouble("bestValAccuracy") == best)
                .map(x -> x.getString("trial"))
                .toList());

    for (String chart : List.of("pareto", "curve-val_accuracy", "curve-train_loss")) {
      String file = id + "-" + chart + ".svg";
      assertThat(md).contains("](" + file + ")");
      assertThat(Files.readString(out.resolve(file))).startsWith("<svg").contains("</svg>");
    }
    assertThat(md).doesNotContain("data:image");
  }

  @Test
  @DisplayName("report --group-by seed prints Markdown to stdout with each seed's mean and min–max")
  void groupBySeedToStdout() {
    CliRun r = CliRun.of("sweep", "report", id, "--group-by", "seed", "--server", url);
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("# Sweep report (" + id + ")").contains("data:image/svg+xml");
    assertGroups(tables(r.out()).get("By seed"), List.of("seed"));
  }

  @Test
  @DisplayName(
      "report --group-by seed,epochs has one row per combination (2 × 2, each of both lrs) whose"
          + " means, std and costs equal those computed from GET /results; groupBy=all-but:seed is"
          + " lr, epochs")
  void groupBySeveral() throws Exception {
    CliRun r = CliRun.of("sweep", "report", id, "--group-by", "seed,epochs", "--server", url);
    assertThat(r.status()).as(r.err()).isZero();
    List<Map<String, String>> byTwo = tables(r.out()).get("By seed, epochs");
    assertThat(byTwo).hasSize(4);
    assertThat(byTwo.get(0).keySet()).startsWith("seed", "epochs", "trials");
    assertGroups(byTwo, List.of("seed", "epochs"));
    // the accuracy is lr · epochs: each group's trials differ, so its std is not 0
    assertThat(byTwo)
        .allSatisfy(row -> assertThat(number(row.get("testAccuracy ± std"))).isPositive());

    String md = text("/api/sweeps/" + id + "/report?groupBy=all-but%3Aseed").body();
    List<Map<String, String>> config = tables(md).get("By lr, epochs");
    assertThat(config).hasSize(4);
    assertGroups(config, List.of("lr", "epochs"));
  }

  @Test
  @DisplayName(
      "report --format html writes one page with inline SVG and no script or external reference;"
          + " the endpoint answers text/html as documented")
  void html() throws Exception {
    Path out = dir.resolve("html");
    CliRun r =
        CliRun.of(
            "sweep", "report", id, "--format", "html", "--out", out.toString(), "--server", url);
    assertThat(r.status()).as(r.err()).isZero();
    String page = Files.readString(out.resolve(id + ".html"));
    assertThat(page)
        .startsWith("<!doctype html>")
        .contains("<svg", "<table>", "Pareto front", "val_accuracy per trial")
        .doesNotContain("<script", "src=", "href=", "url(");
    assertThat(Files.list(out)).hasSize(1);
    HttpResponse<String> h = text("/api/sweeps/" + id + "/report?format=html");
    assertThat(h.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(h.body()).isEqualTo(page);
    assertThat(text("/api/sweeps/" + id + "/report").headers().firstValue("Content-Type"))
        .hasValue("text/markdown; charset=utf-8");
  }

  @Test
  @DisplayName("an unknown sweep or group-by exits 2 naming it and the server; no server exits 1")
  void failures() throws Exception {
    CliRun unknown = CliRun.of("sweep", "report", "nope", "--server", url);
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown sweep 'nope'").contains(url);
    CliRun group = CliRun.of("sweep", "report", id, "--group-by", "colour", "--server", url);
    assertThat(group.status()).isEqualTo(2);
    assertThat(group.err()).contains("unknown group-by parameter 'colour'").contains("lr, seed");
    CliRun empty = CliRun.of("sweep", "report", id, "--group-by", "lr,,seed", "--server", url);
    assertThat(empty.status()).isEqualTo(2);
    assertThat(empty.err()).contains("empty group-by parameter in 'lr,,seed'");
    HttpResponse<String> listed = text("/api/sweeps/" + id + "/report?groupBy=lr,colour");
    assertThat(listed.statusCode()).isEqualTo(400);
    assertThat(listed.body()).contains("unknown group-by parameter 'colour'");
    assertThat(text("/api/sweeps/" + id + "/report?groupBy=all-but:colour").statusCode())
        .isEqualTo(400);
    assertThat(CliRun.of("sweep", "report", id, "--format", "pdf", "--server", url).status())
        .isEqualTo(2);
    assertThat(text("/api/sweeps/" + id + "/report?format=pdf").statusCode()).isEqualTo(400);
    assertThat(text("/api/sweeps/nope/report").statusCode()).isEqualTo(404);
    assertThat(CliRun.of("sweep", "report", id, "--server", "http://127.0.0.1:1").status())
        .isEqualTo(1);
  }
}
