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

  @Test
  @DisplayName("sweep --help and every subcommand's --help print their usage and exit 0")
  void help() {
    for (String[] args :
        new String[][] {
          {"sweep", "--help"},
          {"sweep", "status", "--help"},
          {"sweep", "watch", "--help"},
          {"sweep", "submit", "--help"},
          {"sweep", "report", "--help"},
          {"sweep", "delete", "--help"}
        }) {
      CliRun r = CliRun.of(args);
      assertThat(r.status()).as(String.join(" ", args) + "\n" + r.err()).isZero();
      assertThat(r.out()).startsWith("Usage: inception sweep").contains("--server");
    }
    assertThat(CliRun.of("sweep", "--help").out()).contains("status").contains("delete");
  }

  @Test
  @DisplayName("an unknown sweep id names the server that answered")
  void unknownNamesServer() {
    CliRun r = CliRun.of("sweep", "status", "nope", "--server", url);
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("unknown sweep 'nope'").contains("on the server at " + url);
  }

  @Test
  @DisplayName(
      "watch piped prints a line per change and the results table at the end; delete refuses a"
          + " running sweep and removes a finished one")
  void watchAndDelete() throws Exception {
    Path f = dir.resolve("watch.yaml");
    Files.writeString(f, "name: watched\nparameters:\n  model: googlenet\n  lr: [0.1, 0.2]\n");
    String id = CliRun.of("sweep", "submit", f.toString(), "--server", url).out().strip();
    CliRun running = CliRun.of("sweep", "delete", id, "--yes", "--server", url);
    assertThat(running.status()).isEqualTo(2);
    assertThat(running.err()).contains("running").contains("cancel");
    java.util.concurrent.CompletableFuture<CliRun> watch =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> CliRun.of("sweep", "watch", id, "--server", url));
    Thread.sleep(1500);
    var http = java.net.http.HttpClient.newHttpClient();
    http.send(
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url + "/api/sweeps/" + id + "/cancel"))
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    CliRun w = watch.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(w.status()).as(w.err()).isZero();
    java.util.List<String> lines = w.out().lines().toList();
    assertThat(lines).contains("sweep " + id + "  cancelled  {cancelled=2}");
    for (int i = 1; i < lines.size(); i++)
      assertThat(lines.get(i)).as("line %d repeats", i).isNotEqualTo(lines.get(i - 1));
    // the summary: the status table, one row per trial
    assertThat(w.out()).contains("bestVal").contains(id + "-t000").contains(id + "-t001");

    CliRun noTty = CliRun.of("sweep", "delete", id, "--server", url);
    assertThat(noTty.status()).isEqualTo(2);
    assertThat(noTty.err()).contains("--yes");
    CliRun del = CliRun.of("sweep", "delete", id, "--yes", "--server", url);
    assertThat(del.status()).as(del.err()).isZero();
    assertThat(del.out()).contains("deleted sweep " + id + " and its 2 trials");
    assertThat(CliRun.of("sweep", "status", id, "--server", url).err())
        .contains("unknown sweep '" + id + "'");
  }
}
