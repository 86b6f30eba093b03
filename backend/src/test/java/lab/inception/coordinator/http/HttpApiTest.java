package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class HttpApiTest {

  @TempDir Path dir;
  ApiHarness h;

  static final String SWEEP =
      "name: api\nparameters:\n  model: googlenet\n  lr: [0.1, 0.01]\n  epochs: 1\n";

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private JsonObject error(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonObject j = new JsonObject(r.body());
    assertThat(j.getString("error")).isNotBlank();
    return j;
  }

  @Test
  @DisplayName(
      "a sweep with 20,000 wrong values is answered with the first 100 problems and the count")
  void manyProblems() throws Exception {
    String many = "1, ".repeat(19_999) + "1";
    JsonObject e = error(h.post("/api/sweeps", "parameters: {model: [" + many + "]}\n"), 400);
    assertThat(e.getString("error"))
        .isEqualTo("the sweep file has 20000 problems (the first 100 in details)");
    assertThat(e.getJsonArray("details")).hasSize(100);
    assertThat(e.getJsonArray("details").getJsonObject(99).getString("path"))
        .isEqualTo("parameters.model[99]");
  }

  @Test
  @DisplayName("every bad sweep file is a 400 naming the problem, and nothing is stored")
  void badSweeps() throws Exception {
    assertThat(error(h.post("/api/sweeps", "{\"name\": \"x\", "), 400).getString("error"))
        .startsWith("malformed JSON");
    assertThat(error(h.post("/api/sweeps", "name: [x\nparameters: {"), 400).getString("error"))
        .startsWith("malformed YAML at line");
    assertThat(error(h.post("/api/sweeps", ""), 400).getString("error"))
        .isEqualTo("empty sweep file");
    JsonObject unknown =
        error(h.post("/api/sweeps", "colour: blue\nparameters: {model: googlenet, depht: 3}"), 400);
    assertThat(unknown.getJsonArray("details"))
        .extracting(o -> ((JsonObject) o).getString("path"))
        .containsExactly("colour", "parameters.depht");
    JsonObject types =
        error(
            h.post(
                "/api/sweeps",
                "{\"maxTrials\": \"many\", \"parameters\": {\"model\": \"googlenet\", \"epochs\": [1, \"two\"], \"nesterov\": \"yes\"}}"),
            400);
    assertThat(types.getJsonArray("details"))
        .extracting(o -> ((JsonObject) o).getString("path"))
        .containsExactlyInAnyOrder("maxTrials", "parameters.epochs[1]", "parameters.nesterov");
    JsonObject lr =
        error(h.post("/api/sweeps", "parameters: {model: googlenet, lr: [0.1, -0.5]}"), 400);
    assertThat(lr.getString("error"))
        .isEqualTo("parameters.lr[1]: lr must be in (0, 1000], got -0.5");
    JsonObject huge =
        error(
            h.post(
                "/api/sweeps",
                "parameters:\n  model: googlenet\n  lr: ["
                    + "0.1,".repeat(999)
                    + "0.2]\n  epochs: ["
                    + "1,".repeat(999)
                    + "2]\n"),
            400);
    assertThat(huge.getString("error"))
        .contains("the grid has 1000000 trials, more than maxTrials 1000");
    assertThat(error(h.post("/api/sweeps", "name: " + "x".repeat(2 << 20)), 413).getString("error"))
        .contains("too large");
    assertThat(
            error(h.post("/api/sweeps", "parameters: {model: inception-v5}"), 400)
                .getString("error"))
        .startsWith("parameters.model: unknown model 'inception-v5'; known: ");
    assertThat(new JsonArray(h.get("/api/sweeps").body())).isEmpty();
  }

  @Test
  @DisplayName("unknown ids, endpoints and bad query values answer 404 or 400 with a message")
  void unknownIds() throws Exception {
    assertThat(error(h.get("/api/sweeps/nope"), 404).getString("error"))
        .isEqualTo("unknown sweep 'nope'");
    error(h.get("/api/sweeps/nope/trials"), 404);
    error(h.get("/api/sweeps/nope/results"), 404);
    error(h.get("/api/sweeps/nope/results.csv"), 404);
    assertThat(error(h.post("/api/sweeps/nope/cancel", ""), 404).getString("error"))
        .isEqualTo("unknown sweep 'nope'");
    error(h.post("/api/sweeps/nope/explode", ""), 404);
    assertThat(error(h.get("/api/trials/nope"), 404).getString("error"))
        .isEqualTo("unknown trial 'nope'");
    error(h.get("/api/trials/nope/metrics"), 404);
    error(h.post("/api/trials/nope/retry", ""), 404);
    assertThat(error(h.get("/api/models/inception-v5"), 404).getString("error"))
        .startsWith("unknown model 'inception-v5'");
    assertThat(error(h.get("/api/models/googlenet?input=3x2"), 400).getString("error"))
        .startsWith("input must be CxHxW");
    assertThat(error(h.get("/api/models/googlenet?width=-1"), 400).getString("error"))
        .contains("width");
    error(h.get("/api/nothing-here"), 404);
    assertThat(error(h.get("/api/events?sweep=nope"), 404).getString("error"))
        .isEqualTo("unknown sweep 'nope'");
  }

  @Test
  @DisplayName(
      "?block=naive-projected answers the reduced network's module shapes without the 1×1"
          + " reductions; an unknown block is a 400 naming the known ones")
  void naiveProjectedQuery() throws Exception {
    String q = "/api/models/googlenet?input=1x28x28&classes=10&width=0.25&stem=small&block=";
    JsonObject p = new JsonObject(h.get(q + "naive-projected").body());
    JsonObject r = new JsonObject(h.get(q + "reduced").body());
    assertThat(p.getString("block")).isEqualTo("naive-projected");
    JsonArray pb = p.getJsonArray("blocks");
    JsonArray rb = r.getJsonArray("blocks");
    for (int i = 0; i < rb.size(); i++)
      assertThat(pb.getJsonObject(i).getJsonArray("outputShape"))
          .isEqualTo(rb.getJsonObject(i).getJsonArray("outputShape"));
    assertThat(p.getLong("macs")).isGreaterThan(r.getLong("macs"));
    assertThat(error(h.get(q + "projected"), 400).getString("error"))
        .isEqualTo("unknown block 'projected'; known: reduced, naive, naive-projected");
  }

  @Test
  @DisplayName(
      "a grid with block and auxWeight over googlenet-tv and bn-inception is accepted with 14"
          + " trials, the parameters bn-inception does not take left out")
  void conditionalGrid() throws Exception {
    HttpResponse<String> r =
        h.post(
            "/api/sweeps",
            "dataset: synthetic-shapes\nparameters:\n  model: [googlenet-tv, bn-inception]\n"
                + "  block: [naive, naive-projected, reduced]\n  auxWeight: [0, 0.3]\n"
                + "  labelSmoothing: [0, 0.1]\n  epochs: 1\n  limitTrain: 64\n");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = new JsonObject(r.body()).getString("id");
    JsonObject s = new JsonObject(h.get("/api/sweeps/" + id).body());
    assertThat(s.getJsonObject("counts").getInteger("queued")).isEqualTo(14);
    JsonArray trials = new JsonArray(h.get("/api/sweeps/" + id + "/trials").body());
    assertThat(trials)
        .extracting(t -> ((JsonObject) t).getJsonObject("parameters").getString("model"))
        .containsExactly(
            Stream.concat(
                    Collections.nCopies(12, "googlenet-tv").stream(),
                    Stream.of("bn-inception", "bn-inception"))
                .toArray(String[]::new));
    h.post("/api/sweeps/" + id + "/cancel", "");
  }

  @Test
  @DisplayName(
      "a sweep is stored with its trials, can be paused, resumed and cancelled, and its results listed")
  void lifecycle() throws Exception {
    HttpResponse<String> r = h.post("/api/sweeps", SWEEP);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = new JsonObject(r.body()).getString("id");
    JsonObject s = new JsonObject(h.get("/api/sweeps/" + id).body());
    assertThat(s.getString("state")).isEqualTo("running");
    assertThat(s.getJsonObject("counts").getInteger("queued")).isEqualTo(2);
    JsonArray trials = new JsonArray(h.get("/api/sweeps/" + id + "/trials").body());
    assertThat(trials).hasSize(2);
    String t0 = trials.getJsonObject(0).getString("id");
    assertThat(trials.getJsonObject(0).getJsonObject("parameters").getDouble("lr")).isEqualTo(0.1);
    assertThat(new JsonObject(h.post("/api/sweeps/" + id + "/pause", "").body()).getString("state"))
        .isEqualTo("paused");
    assertThat(
            new JsonObject(h.post("/api/sweeps/" + id + "/resume", "").body()).getString("state"))
        .isEqualTo("running");
    error(h.post("/api/trials/" + t0 + "/retry", ""), 409);
    assertThat(
            new JsonObject(h.post("/api/sweeps/" + id + "/cancel", "").body()).getString("state"))
        .isEqualTo("cancelled");
    assertThat(error(h.post("/api/sweeps/" + id + "/pause", ""), 409).getString("error"))
        .contains("cancelled");
    assertThat(
            new JsonObject(h.get("/api/sweeps/" + id).body())
                .getJsonObject("counts")
                .getInteger("cancelled"))
        .isEqualTo(2);
    JsonArray rows = new JsonArray(h.get("/api/sweeps/" + id + "/results").body());
    assertThat(rows)
        .extracting(o -> ((JsonObject) o).getString("state"))
        .containsExactly("cancelled", "cancelled");
    String csv = h.get("/api/sweeps/" + id + "/results.csv").body();
    assertThat(csv.lines().findFirst().orElseThrow())
        .startsWith("trial,index,state,attempt,model,")
        .contains(",params,macs,bestValAccuracy");
    assertThat(csv.lines().count()).isEqualTo(3);
    assertThat(new JsonArray(h.get("/api/trials/" + t0 + "/metrics?after=-1").body())).isEmpty();
    error(h.get("/api/trials/" + t0 + "/metrics?after=soon"), 400);
  }

  @Test
  @DisplayName(
      "the event stream numbers its batches and resumes after Last-Event-ID without losses")
  void events() throws Exception {
    HttpResponse<java.io.InputStream> sse =
        h.client.send(
            HttpRequest.newBuilder(URI.create(h.base + "/api/events")).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(sse.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    // the JDK client asks for h2c; the stream's slow-client bound needs HTTP/1.1
    assertThat(sse.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8));
    String id = new JsonObject(h.post("/api/sweeps", SWEEP).body()).getString("id");
    long first = -1;
    JsonObject data = null;
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("id: ")) first = Long.parseLong(line.substring(4));
      if (line.startsWith("data: ")) {
        data = new JsonObject(line.substring(6));
        break;
      }
    }
    in.close();
    assertThat(first).isPositive();
    assertThat(data.getJsonArray("sweeps").getJsonObject(0).getString("id")).isEqualTo(id);
    h.post("/api/sweeps/" + id + "/cancel", "");
    HttpResponse<java.io.InputStream> again =
        h.client.send(
            HttpRequest.newBuilder(URI.create(h.base + "/api/events?sweep=" + id))
                .header("Last-Event-ID", String.valueOf(first))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader in2 =
        new BufferedReader(new InputStreamReader(again.body(), StandardCharsets.UTF_8));
    int cancelled = 0;
    long lastId = first;
    while (cancelled < 2) {
      String line = in2.readLine();
      if (line.startsWith("id: ")) {
        long n = Long.parseLong(line.substring(4));
        assertThat(n).isGreaterThan(lastId);
        lastId = n;
      }
      if (line.startsWith("data: ")) {
        JsonArray ts = new JsonObject(line.substring(6)).getJsonArray("trials");
        for (int i = 0; i < ts.size(); i++)
          if (ts.getJsonObject(i).getString("state").equals("cancelled")) cancelled++;
      }
    }
    in2.close();
    assertThat(cancelled).isEqualTo(2);
  }

  @Test
  @DisplayName("the OpenAPI document lists every endpoint, and / answers HTML")
  void openapiAndRoot() throws Exception {
    JsonObject doc = new JsonObject(h.get("/api/openapi.json").body());
    assertThat(doc.getJsonObject("paths").fieldNames())
        .contains(
            "/api/sweeps",
            "/api/sweeps/{id}",
            "/api/trials/{id}/metrics",
            "/api/events",
            "/api/workers",
            "/api/models/{name}");
    HttpResponse<String> root = h.get("/some/dashboard/route");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).contains("Inception Lab");
    assertThat(new JsonArray(h.get("/api/workers").body())).isEmpty();
  }

  @Test
  @DisplayName("bound beyond loopback, every /api call needs the access token")
  void token(Vertx vertx, @TempDir Path other) throws Exception {
    try (ApiHarness guarded =
        new ApiHarness(vertx, other, new HttpConfig("127.0.0.2", 0, "s3cret"))) {
      assertThat(error(guarded.get("/api/sweeps"), 401).getString("error"))
          .contains("access token");
      assertThat(
              guarded
                  .send(
                      HttpRequest.newBuilder(URI.create(guarded.base + "/api/sweeps"))
                          .header("Authorization", "Bearer s3cret")
                          .GET())
                  .statusCode())
          .isEqualTo(200);
      assertThat(guarded.get("/api/sweeps?token=s3cret").statusCode()).isEqualTo(200);
      assertThat(guarded.get("/api/sweeps?token=wrong").statusCode()).isEqualTo(401);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new HttpConfig("0.0.0.0", 8080, null).checked())
        .hasMessageContaining("INCEPTION_TOKEN");
  }
}
