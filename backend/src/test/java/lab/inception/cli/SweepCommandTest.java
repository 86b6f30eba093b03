package lab.inception.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import lab.inception.coordinator.Server;
import lab.inception.worker.verticle.ProcessLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep submit | status} against a running server without workers. */
class SweepCommandTest {

  @TempDir static Path dir;
  static Server server;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, 0, ProcessLauncher.standard());
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("submit prints the new sweep's id and status lists its trials")
  void submitAndStatus() throws Exception {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(f, "name: cli\nparameters:\n  model: googlenet\n  lr: [0.1, 0.2, 0.3]\n");
    CliRun submit = CliRun.of("sweep", "submit", f.toString(), "--server", url);
    assertThat(submit.status()).as(submit.err()).isZero();
    String id = submit.out().strip();
    CliRun status = CliRun.of("sweep", "status", id, "--server", url);
    assertThat(status.status()).isZero();
    assertThat(status.out())
        .contains("sweep " + id + "  cli  running")
        .contains(id + "-t000")
        .contains(id + "-t002");
    CliRun json = CliRun.of("sweep", "status", id, "--json", "--server", url);
    assertThat(new io.vertx.core.json.JsonObject(json.out()).getJsonArray("results")).hasSize(3);
  }

  @Test
  @DisplayName(
      "a bad file, an unknown id or a missing file exit 2 with the reason; no server exits 1")
  void failures() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "parameters:\n  model: [googlenet, inception-v5]\n  lr: -1\n");
    CliRun r = CliRun.of("sweep", "submit", bad.toString(), "--server", url);
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("parameters.model[1]: unknown model 'inception-v5'")
        .contains("parameters.lr: lr must be in (0, 1000], got -1\n");
    assertThat(CliRun.of("sweep", "status", "nope", "--server", url).err())
        .contains("unknown sweep 'nope'");
    assertThat(
            CliRun.of("sweep", "submit", dir.resolve("missing.yaml").toString(), "--server", url)
                .status())
        .isEqualTo(2);
    CliRun down = CliRun.of("sweep", "status", "x", "--server", "http://127.0.0.1:1");
    assertThat(down.status()).isEqualTo(1);
    assertThat(down.err()).contains("cannot reach the server");
  }
}
