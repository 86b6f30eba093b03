package lab.inception.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.inception.worker.train.TrialParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  @TempDir Path tmp;

  /** Runs the CLI and returns {exit status, stdout, stderr}. */
  private static Object[] cli(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Object[] {
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
      };
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static final String[] SMALL = {
    "train",
    "--model",
    "googlenet-tv",
    "--dataset",
    "synthetic-shapes",
    "--width",
    "0.0625",
    "--image-size",
    "16",
    "--limit-train",
    "128",
    "--limit-test",
    "32",
    "--validation-fraction",
    "0.25",
    "--batch-size",
    "32",
    "--optimizer",
    "adam",
    "--lr",
    "0.003",
    "--threads",
    "2",
    "--device",
    "cpu",
    "--aux-weight",
    "0.3",
    "--label-smoothing",
    "0.1",
    "--seed",
    "3"
  };

  private static String[] with(String... more) {
    String[] a = new String[SMALL.length + more.length];
    System.arraycopy(SMALL, 0, a, 0, SMALL.length);
    System.arraycopy(more, 0, a, SMALL.length, more.length);
    return a;
  }

  @Test
  @DisplayName("train shows progress and epoch lines on stderr and a summary; --json one object")
  void trainsAndReports() throws Exception {
    Object[] r = cli(with("--epochs", "2", "--checkpoint-dir", tmp.resolve("cp").toString()));
    assertThat(r[0]).as((String) r[2]).isEqualTo(0);
    String err = (String) r[2];
    assertThat(err).contains("epoch 1 [").contains("img/s").contains("ETA");
    assertThat(err)
        .contains("epoch 1/2  train loss (main)")
        .contains("(aux ")
        .contains(", total ")
        .contains("top-5");
    assertThat(err).contains("epoch 2/2");
    assertThat((String) r[1])
        .contains("test accuracy")
        .contains("params")
        .contains("MACs")
        .contains("images/s")
        .contains("wall time");
    assertThat(Files.isDirectory(tmp.resolve("cp").resolve("epoch-0002"))).isTrue();

    JsonObject o = resumedJson();
    assertThat(o.getJsonObject("config").getString("model")).isEqualTo("googlenet-tv");
    assertThat(o.getJsonObject("config").getDouble("auxWeight")).isEqualTo(0.3);
    assertThat(o.getJsonObject("config").getInteger("batchSize")).isEqualTo(32);
    assertThat(o.getDouble("testAccuracy")).isBetween(0.0, 1.0);
    assertThat(o.getLong("params")).isPositive();
    assertThat(o.getLong("macs")).isPositive();
    assertThat(o.getInteger("epochs"))
        .as("resumed after the last epoch: nothing left")
        .isEqualTo(2);

    // A finished run's checkpoint scored again with test-time augmentation (the way
    // bench/fashion-accuracy's 95% row was measured): no training, the flip scores.
    JsonObject f = resumedJson("--tta", "flip");
    assertThat(f.getJsonObject("config").getString("tta")).isEqualTo("flip");
    assertThat(o.getJsonObject("config").getString("tta")).isEqualTo("none");
    assertThat(f.getDouble("testAccuracy")).isBetween(0.0, 1.0);
    assertThat(f.getInteger("epochs")).isEqualTo(2);
  }

  /** The 2-epoch run in tmp/cp resumed after its last epoch with --json: its one JSON object. */
  private JsonObject resumedJson(String... more) {
    String[] resume = {"--epochs", "2", "--json", "--resume", "--checkpoint-dir", tmp + "/cp"};
    String[] a = new String[resume.length + more.length];
    System.arraycopy(resume, 0, a, 0, resume.length);
    System.arraycopy(more, 0, a, resume.length, more.length);
    Object[] r = cli(with(a));
    assertThat(r[0]).as((String) r[2]).isEqualTo(0);
    return new JsonObject(((String) r[1]).trim());
  }

  @Test
  @DisplayName("bad options exit 2 with a one-line reason")
  void badOptions() {
    Object[] r = cli("train", "--model", "googlenet", "--dataset", "mnist");
    assertThat(r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("unknown dataset 'mnist'");
    r = cli(with("--optimizer", "lamb"));
    assertThat(r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("unknown optimizer 'lamb'");
    r = cli(with("--precision", "fp16"));
    assertThat(r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("--precision").contains("'fp16'").contains("fp32, bf16");
    r = cli(with("--tta", "crop10"));
    assertThat(r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("--tta").contains("'crop10'").contains("none, flip");
    r = cli(with("--resume"));
    assertThat(r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("--resume needs --checkpoint-dir");
    r = cli("train", "--dataset", "synthetic-shapes");
    assertThat(r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("--model");
  }

  @Test
  @DisplayName("train --help lists one option per trial parameter with its default, from the table")
  void optionsFromTheTable() {
    CliRun r = CliRun.of("train", "--help");
    assertThat(r.status()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    for (TrialParameter p : TrialParameter.values()) {
      assertThat(help)
          .contains(
              p.type() == TrialParameter.Type.BOOLEAN
                  ? "--[no-]" + p.option().substring(2)
                  : p.option() + "=");
      if (p.defaultValue() != null
          && p.type() != TrialParameter.Type.BOOLEAN
          && p != TrialParameter.MODEL)
        assertThat(help).contains("(default: " + p.defaultsText() + ")");
    }
    assertThat(help).contains("--momentum=X momentum (SGD, RMSProp) (default: 0.9");
    assertThat(r.out()).contains("--[no-]augment").contains("--[no-]nesterov");
    // a value outside the table's range is refused before anything loads
    CliRun bad = CliRun.of("train", "--model", "googlenet", "--image-size", "5000");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("--image-size: imageSize must be between 0 and 1024, got 5000");
  }
}
