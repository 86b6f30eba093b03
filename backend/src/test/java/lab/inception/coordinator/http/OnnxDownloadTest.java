package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import lab.inception.cli.TinyCheckpoint;
import lab.inception.worker.onnx.OnnxExport;
import lab.inception.worker.train.CheckpointNetwork;
import lab.inception.worker.train.Checkpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class OnnxDownloadTest {
  @TempDir Path dir;
  ApiHarness h;
  static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  @DisplayName(
      "model.onnx: 404 for an unknown trial and for one without a checkpoint, else the file")
  void download() throws Exception {
    assertThat(h.get("/api/trials/nope/model.onnx").statusCode()).isEqualTo(404);
    String sweep =
        "name: onnx\nparameters:\n  model: googlenet-tv\n  stem: small\n  width: 0.125\n  epochs: 1\n";
    String id = new JsonObject(h.post("/api/sweeps", sweep).body()).getString("id");
    JsonObject trial =
        new JsonArray(h.get("/api/sweeps/" + id + "/trials").body()).getJsonObject(0);
    String tid = trial.getString("id");
    HttpResponse<String> none = h.get("/api/trials/" + tid + "/model.onnx");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(none.body()).getString("error")).contains("no checkpoint");

    Path ck = TinyCheckpoint.train(dir.resolve("trained"));
    Path latest = Checkpoints.latest(ck);
    ApiHarness.await(
        h.store.saveTrial(
            trial
                .copy()
                .put(
                    "checkpoint",
                    new JsonObject().put("epoch", 1).put("path", latest.toString()))));
    HttpResponse<byte[]> r =
        h.client.send(
            HttpRequest.newBuilder(URI.create(h.base + "/api/trials/" + tid + "/model.onnx"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    byte[] expected =
        OnnxExport.export(CheckpointNetwork.read(latest), latest, true, QUIET).bytes();
    assertThat(r.body()).isEqualTo(expected);
  }
}
