package lab.inception.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inception export} as a user runs it: files written, bad input answered with status 2. */
class ExportCommandTest {
  @TempDir static Path tmp;
  static Path checkpoints;

  @BeforeAll
  static void train() {
    checkpoints = TinyCheckpoint.train(tmp.resolve("ck"));
  }

  @Test
  @DisplayName("export writes the ONNX file and --json describes its input and output")
  void writes() throws Exception {
    Path f = tmp.resolve("out/g.onnx");
    CliRun r =
        CliRun.of(
            args(
                args(new String[] {"export"}, TinyCheckpoint.OPTIONS),
                "--init-from",
                checkpoints.toString(),
                "--onnx",
                f.toString(),
                "--dynamic-batch",
                "--json"));
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
    String ck = checkpoints.toString();
    String[][] cases = {
      args(TinyCheckpoint.OPTIONS, "--model", "inception-v3", "--init-from", ck),
      args(TinyCheckpoint.OPTIONS, "--width", "0.25", "--init-from", ck),
      {"--model", "googlenet-tv", "--init-from", foreign.toString()},
      {"--model", "googlenet-v9"},
    };
    String[] expected = {"parameter", "has shape", "not a torch.save zip archive", "unknown model"};
    for (int i = 0; i < cases.length; i++) {
      String[] args = args(new String[] {"export"}, cases[i]);
      args = args(args, "--onnx", onnx.toString());
      CliRun r = CliRun.of(args);
      assertThat(r.status()).as(r.err()).isEqualTo(2);
      assertThat(r.err().strip()).doesNotContain("\n").contains(expected[i]);
      if (i < 3) assertThat(r.err()).contains(i < 2 ? "ck" : "notes.pth");
      assertThat(onnx).doesNotExist();
    }
  }

  /** {@code base} then {@code more}; a repeated option takes its last value (Main). */
  private static String[] args(String[] base, String... more) {
    String[] a = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, a, base.length, more.length);
    return a;
  }
}
