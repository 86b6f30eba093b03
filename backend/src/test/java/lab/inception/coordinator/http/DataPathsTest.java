package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.inception.coordinator.sweep.DataPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data paths a sweep submitted over the API may name: image folders under the server's datasets
 * root only, dataDir only when the server allows it.
 */
@ExtendWith(VertxExtension.class)
class DataPathsTest {

  @TempDir Path dir;
  @TempDir Path outside;
  ApiHarness h;
  Path root;

  private void start(Vertx vertx, boolean allowDataDir) throws Exception {
    root = Files.createDirectories(dir.resolve("datasets"));
    Files.createDirectories(root.resolve("pets/cat"));
    Files.createDirectories(outside.resolve("secret/a"));
    Files.createSymbolicLink(root.resolve("escape"), outside.resolve("secret"));
    Files.createSymbolicLink(root.resolve("inside"), root.resolve("pets"));
    HttpConfig http =
        new HttpConfig(
            "127.0.0.1",
            0,
            null,
            List.of(),
            HttpConfig.DEFAULT_MAX_EVENT_CLIENTS,
            new DataPolicy(root, allowDataDir));
    h = new ApiHarness(vertx, dir.resolve("db"), http);
  }

  @AfterEach
  void stop() {
    if (h != null) h.close();
  }

  private static String sweep(String dataset, String extra) {
    return "name: data\ndataset: '"
        + dataset
        + "'\nparameters:\n  model: googlenet\n  epochs: 1\n"
        + extra;
  }

  /** The refusal's details: each problem's path. */
  private static List<String> refused(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonObject e = new JsonObject(r.body());
    assertThat(e.getString("error")).isNotBlank();
    return e.getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("path")).toList();
  }

  private String message(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("error");
  }

  @Test
  @DisplayName(
      "image folders outside the datasets root (absolute, '..', a link out) are refused 400 with"
          + " the path dataset")
  void outsideRefused(Vertx vertx) throws Exception {
    start(vertx, false);
    for (String folder :
        List.of(
            "imagefolder:/etc",
            "imagefolder:../../",
            "imagefolder:pets/../../db",
            "imagefolder:escape",
            "imagefolder:escape/a",
            "imagefolder:" + outside.resolve("secret"),
            "imagefolder:missing")) {
      HttpResponse<String> r = h.post("/api/sweeps", sweep(folder, ""));
      assertThat(refused(r)).as(folder).containsExactly("dataset");
      assertThat(message(r)).as(folder).startsWith("dataset: '");
    }
    assertThat(message(h.post("/api/sweeps", sweep("imagefolder:/etc", ""))))
        .contains("outside the datasets root " + root.toAbsolutePath());
    assertThat(message(h.post("/api/sweeps", sweep("imagefolder:escape", ""))))
        .contains("through a link");
    assertThat(message(h.post("/api/sweeps", sweep("imagefolder:../../", "")))).contains("'..'");
    HttpResponse<String> listed =
        h.post(
            "/api/sweeps",
            "name: data\nparameters:\n  model: googlenet\n  dataset: [imagefolder:pets,"
                + " imagefolder:/etc]\n");
    assertThat(refused(listed)).containsExactly("parameters.dataset[1]");
    assertThat(new JsonArray(h.get("/api/sweeps").body())).isEmpty();
  }

  @Test
  @DisplayName("dataDir from a sweep is refused 400 with its path unless the server allows it")
  void dataDirRefused(Vertx vertx) throws Exception {
    start(vertx, false);
    HttpResponse<String> r =
        h.post("/api/sweeps", sweep("fashion-mnist", "  dataDir: " + outside + "\n"));
    assertThat(refused(r)).containsExactly("parameters.dataDir");
    assertThat(message(r)).startsWith("parameters.dataDir: ").contains("--allow-data-dir");
    assertThat(new JsonArray(h.get("/api/sweeps").body())).isEmpty();
  }

  @Test
  @DisplayName("with --allow-data-dir a sweep's dataDir is accepted and stored as given")
  void dataDirAllowed(Vertx vertx) throws Exception {
    start(vertx, true);
    HttpResponse<String> r =
        h.post("/api/sweeps", sweep("fashion-mnist", "  dataDir: " + outside + "\n"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonObject trial = firstTrial(new JsonObject(r.body()).getString("id"));
    assertThat(trial.getJsonObject("parameters").getString("dataDir"))
        .isEqualTo(outside.toString());
  }

  @Test
  @DisplayName(
      "an image folder under the root (relative, absolute, or a link that stays inside) is"
          + " accepted and stored as its absolute path")
  void insideAccepted(Vertx vertx) throws Exception {
    start(vertx, false);
    Path abs = root.toAbsolutePath();
    for (String[] c :
        new String[][] {
          {"imagefolder:pets", "imagefolder:" + abs.resolve("pets")},
          {"imagefolder:./pets/", "imagefolder:" + abs.resolve("pets")},
          {"imagefolder:" + abs.resolve("pets"), "imagefolder:" + abs.resolve("pets")},
          {"imagefolder:inside", "imagefolder:" + abs.resolve("inside")}
        }) {
      HttpResponse<String> r = h.post("/api/sweeps", sweep(c[0], ""));
      assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(201);
      String id = new JsonObject(r.body()).getString("id");
      assertThat(firstTrial(id).getJsonObject("parameters").getString("dataset"))
          .as(c[0])
          .isEqualTo(c[1]);
    }
  }

  private JsonObject firstTrial(String sweep) throws Exception {
    JsonArray trials = new JsonArray(h.get("/api/sweeps/" + sweep + "/trials").body());
    assertThat(trials).hasSize(1);
    return trials.getJsonObject(0);
  }
}
