package lab.inception.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lab.inception.worker.data.Datasets;
import lab.inception.worker.train.TrainingRunner;
import lab.inception.worker.train.TrialConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inception export} as a user runs it: files written, bad input answered with status 2. */
class ExportCommandTest {
  @TempDir static Path tmp;
  static Path checkpoints;

  /** A googlenet-tv checkpoint trained for one epoch on a slice of synthetic shapes (1×16×16). */
  @BeforeAll
  static void train() {
    checkpoints = tmp.resolve("ck");
    Map<String, Object> m = new HashMap<>();
    m.put("model", "googlenet-tv");
    m.put("dataset", "synthetic-shapes");
    m.put("imageSize", 16);
    m.put("stem", "small");
    m.put("width", 0.125);
    m.put("epochs", 1);
    m.put("batchSize", 32);
    m.put("threads", 2);
    m.put("device", "cpu");
    new TrainingRunner(
            TrialConfig.fromMap(m), Datasets.load("synthetic-shapes", null, 16, 0.25, 1, 64, 8))
        .checkpoints(checkpoints, false)
        .log(new PrintStream(PrintStream.nullOutputStream()))
        .run();
  }

  @Test
  @DisplayName("export writes the ONNX file and --json describes its input and output")
  void writes() throws Exception {
    Path f = tmp.resolve("out/g.onnx");
    CliRun r =
        CliRun.of(
            "export",
            "--model",
            "googlenet-tv",
            "--stem",
            "small",
            "--width",
            "0.125",
            "--input",
            "1x16x16",
            "--classes",
            "6",
            "--init-from",
            checkpoints.toString(),
            "--onnx",
            f.toString(),
            "--dynamic-batch",
            "--json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonObject j = new JsonObject(r.out().trim());
    assertThat(j.getJsonObject("input").getJsonArray("shape").encode())
        .isEqualTo("[\"batch\",1,16,16]");
    assertThat(j.getJsonObject("output").getString("name")).isEqualTo("logits");
    assertThat(j.getJsonObject("output").getJsonArray("shape").encode()).isEqualTo("[\"batch\",6]");
    assertThat(j.getInteger("opset")).isEqualTo(13);
    assertThat(Files.size(f)).isEqualTo(j.getLong("bytes"));
  }

  @Test
  @DisplayName(
      "a checkpoint of another model, a foreign file or an unknown model: status 2, one line")
  void badInput() throws Exception {
    Path foreign = tmp.resolve("notes.pth");
    Files.writeString(foreign, "hello");
    Path onnx = tmp.resolve("x.onnx");
    String[][] cases = {
      {
        "--model",
        "inception-v3",
        "--stem",
        "small",
        "--width",
        "0.125",
        "--input",
        "1x16x16",
        "--classes",
        "6",
        "--init-from",
        checkpoints.toString()
      },
      {
        "--model",
        "googlenet-tv",
        "--stem",
        "small",
        "--width",
        "0.25",
        "--input",
        "1x16x16",
        "--classes",
        "6",
        "--init-from",
        checkpoints.toString()
      },
      {"--model", "googlenet-tv", "--init-from", foreign.toString()},
      {"--model", "googlenet-v9"},
    };
    String[] expected = {"parameter", "has shape", "not a torch.save zip archive", "unknown model"};
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 3];
      args[0] = "export";
      System.arraycopy(cases[i], 0, args, 1, cases[i].length);
      args[args.length - 2] = "--onnx";
      args[args.length - 1] = onnx.toString();
      CliRun r = CliRun.of(args);
      assertThat(r.status()).as(r.err()).isEqualTo(2);
      assertThat(r.err().strip()).doesNotContain("\n").contains(expected[i]);
      if (i < 3) assertThat(r.err()).contains(i < 2 ? "ck" : "notes.pth");
      assertThat(onnx).doesNotExist();
    }
  }
}
