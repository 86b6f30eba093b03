package lab.inception.worker.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelZoo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A second reference for the export: the ONNX project's own checker ({@code onnx.checker} with
 * {@code full_check}, which also runs ONNX shape inference), from Debian's {@code python3-onnx},
 * accepts the file of every configuration {@link OnnxExportTest} runs in ONNX Runtime, with a fixed
 * and a dynamic batch.
 */
class OnnxCheckerTest {

  private static final String CHECK =
      "import onnx, sys\n"
          + "for f in sys.argv[1:]:\n"
          + "    onnx.checker.check_model(onnx.load(f), full_check=True)\n"
          + "    print('ok', f)\n";

  @Test
  @DisplayName("onnx.checker (full check, shape inference included) accepts every exported model")
  void checkerAcceptsTheZoo(@TempDir Path dir) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", CHECK));
    int i = 0;
    for (Arguments a : OnnxExportTest.zoo().toList()) {
      Object[] x = a.get();
      ModelConfig cfg =
          new ModelConfig(
              (String) x[0],
              (int) x[1],
              (int) x[2],
              (int) x[2],
              10,
              false,
              (double) x[5],
              (ModelConfig.Stem) x[3],
              (ModelConfig.BlockKind) x[4]);
      try (NDManager m = NDManager.newBaseManager()) {
        Block net = ModelZoo.build(cfg);
        net.initialize(
            m, DataType.FLOAT32, new Shape(1, cfg.channels(), cfg.height(), cfg.width()));
        for (boolean dynamic : new boolean[] {false, true}) {
          Path f = dir.resolve(i++ + "-" + cfg.model() + (dynamic ? "-dynamic" : "") + ".onnx");
          Files.write(f, OnnxExporter.export(net, cfg, dynamic).bytes());
          cmd.add(f.toString());
        }
      }
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    assertThat(status)
        .as(
            "onnx.checker (Debian's python3-onnx; `apt-get install python3-onnx`, .ci/run does):\n"
                + out)
        .isZero();
    assertThat(out.lines().filter(l -> l.startsWith("ok "))).hasSize(cmd.size() - 3);
    System.out.println("onnx.checker accepted " + (cmd.size() - 3) + " exported files");
  }
}
