package lab.inception.worker.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.data.Datasets;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import lab.inception.worker.model.ModelZoo;
import lab.inception.worker.train.CheckpointNetwork;
import lab.inception.worker.train.Checkpoints;
import lab.inception.worker.train.TrainingRunner;
import lab.inception.worker.train.TrialConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of the zoo, exported and run by ONNX Runtime, gives DJL's inference output within
 * 1e-4 (max abs). Each case prints one line: model, input, nodes, bytes, export ms, difference.
 */
class OnnxExportTest {
  static final double TOLERANCE = 1e-4;

  /** All ten models at small inputs and widths, plus the paper's stems where they fit. */
  static Stream<Arguments> zoo() {
    return Stream.of(
        Arguments.of("naive-block", 32, 12, Stem.IMAGENET, BlockKind.REDUCED, 0.25),
        Arguments.of("reduced-block", 32, 12, Stem.IMAGENET, BlockKind.REDUCED, 0.25),
        Arguments.of("v2-block", 32, 12, Stem.IMAGENET, BlockKind.REDUCED, 0.25),
        Arguments.of("googlenet", 3, 64, Stem.IMAGENET, BlockKind.REDUCED, 0.125),
        Arguments.of("googlenet", 1, 28, Stem.SMALL, BlockKind.NAIVE, 0.125),
        Arguments.of("googlenet-tv", 1, 28, Stem.SMALL, BlockKind.NAIVE_PROJECTED, 0.125),
        Arguments.of("naive-projected-block", 32, 12, Stem.IMAGENET, BlockKind.REDUCED, 0.25),
        Arguments.of("googlenet-tv", 3, 64, Stem.IMAGENET, BlockKind.REDUCED, 0.125),
        Arguments.of("googlenet-tv", 1, 28, Stem.SMALL, BlockKind.REDUCED, 0.125),
        Arguments.of("bn-inception", 3, 64, Stem.IMAGENET, BlockKind.REDUCED, 0.125),
        Arguments.of("inception-v3", 3, 75, Stem.IMAGENET, BlockKind.REDUCED, 0.125),
        Arguments.of("inception-v3", 1, 28, Stem.SMALL, BlockKind.REDUCED, 0.125),
        Arguments.of("inception-v4", 3, 32, Stem.SMALL, BlockKind.REDUCED, 0.125),
        Arguments.of("inception-resnet-v1", 3, 32, Stem.SMALL, BlockKind.REDUCED, 0.125),
        Arguments.of("inception-resnet-v2", 3, 32, Stem.SMALL, BlockKind.REDUCED, 0.125));
  }

  @ParameterizedTest(name = "{0} {1}×{2}×{2} stem {3} block {4} width {5}")
  @MethodSource("zoo")
  @DisplayName("ONNX Runtime gives DJL's inference output within 1e-4")
  void matchesDjl(String model, int c, int size, Stem stem, BlockKind block, double width)
      throws Exception {
    ModelConfig cfg = new ModelConfig(model, c, size, size, 10, false, width, stem, block);
    Result r = compare(cfg, 1, false);
    assertThat(r.diff()).isLessThan(TOLERANCE);
  }

  @Test
  @DisplayName("with a dynamic batch dimension the same file runs batches of 1 and 3")
  void dynamicBatch() throws Exception {
    ModelConfig cfg =
        new ModelConfig("googlenet-tv", 1, 28, 28, 10, false, 0.125, Stem.SMALL, BlockKind.REDUCED);
    assertThat(compare(cfg, 3, true).diff()).isLessThan(TOLERANCE);
    assertThat(compare(cfg, 1, true).diff()).isLessThan(TOLERANCE);
  }

  @Test
  @DisplayName("aux heads and dropout are left out, input and output carry their documented shapes")
  void graphShape() {
    ModelConfig cfg =
        new ModelConfig(
            "googlenet", 3, 128, 128, 10, true, 0.125, Stem.IMAGENET, BlockKind.REDUCED);
    try (NDManager m = NDManager.newBaseManager()) {
      Block net = ModelZoo.build(cfg);
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 128, 128));
      OnnxModel onnx = OnnxExporter.export(net, cfg, true);
      assertThat(onnx.inputShape()).containsExactly(-1, 3, 128, 128);
      assertThat(onnx.outputShape()).containsExactly(-1, 10);
      assertThat(onnx.outputName()).isEqualTo(OnnxExporter.LOGITS);
      String text = new String(onnx.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(text).contains("inception3a/3x3/2/conv", "lrn1", "head/fc", "LRN", "Gemm");
      assertThat(text).doesNotContain("aux1", "Dropout");
    }
  }

  @Test
  @DisplayName("an aux head's adaptive pool that does not divide its grid is refused, naming it")
  void refusesWhatItCannotWrite() {
    Block odd = lab.inception.worker.model.Layers.adaptiveAvgPool(4, 4);
    ModelConfig cfg =
        new ModelConfig("reduced-block", 8, 7, 7, 0, false, 1.0, Stem.IMAGENET, BlockKind.REDUCED);
    try (NDManager m = NDManager.newBaseManager()) {
      odd.initialize(m, DataType.FLOAT32, new Shape(1, 8, 7, 7));
      assertThatThrownBy(() -> OnnxExporter.export(odd, cfg, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot write");
    }
  }

  @Test
  @DisplayName("a trained checkpoint exports to what DJL computes from the same checkpoint")
  void trainedCheckpoint(@TempDir Path tmp) throws Exception {
    DataSplits data = Datasets.load("synthetic-shapes", null, 16, 0.25, 1, 96, 8);
    Map<String, Object> m = new HashMap<>();
    m.put("model", "googlenet-tv");
    m.put("dataset", "synthetic-shapes");
    m.put("imageSize", 16);
    m.put("stem", "small");
    m.put("width", 0.125);
    m.put("epochs", 1);
    m.put("batchSize", 32);
    m.put("optimizer", "adam");
    m.put("lr", 0.003);
    m.put("auxWeight", 0.3);
    m.put("threads", 2);
    m.put("device", "cpu");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    new TrainingRunner(TrialConfig.fromMap(m), data).checkpoints(tmp, false).log(quiet).run();
    ModelConfig cfg = CheckpointNetwork.read(tmp);
    assertThat(cfg.aux()).isTrue();
    OnnxModel onnx = OnnxExport.export(cfg, tmp, false, quiet);
    try (NDManager mgr = NDManager.newBaseManager()) {
      Block net = ModelZoo.build(cfg.withAux(false));
      Shape in = new Shape(1, cfg.channels(), cfg.height(), cfg.width());
      net.initialize(mgr, DataType.FLOAT32, in);
      Checkpoints.loadParams(net, tmp, false, quiet);
      NDArray x = mgr.randomNormal(in);
      float[] djl =
          net.forward(new ParameterStore(mgr, false), new NDList(x), false)
              .singletonOrThrow()
              .toFloatArray();
      float[] ort = OrtRunner.run(onnx.bytes(), x.toFloatArray(), in.getShape());
      double diff = OrtRunner.maxAbsDiff(djl, ort);
      System.out.printf(
          "onnx-vs-djl trained googlenet-tv checkpoint %s: max|out| %.3g  max abs diff %.3g%n",
          Checkpoints.latest(tmp).getFileName(), OrtRunner.maxAbs(djl), diff);
      assertThat(diff).isLessThan(TOLERANCE);
    }
  }

  record Result(double diff, double scale) {}

  /** Builds, perturbs, runs DJL and ONNX Runtime on the same seeded input; prints one line. */
  static Result compare(ModelConfig cfg, int batch, boolean dynamic) throws Exception {
    Engine.getEngine("PyTorch").setRandomSeed(17);
    try (NDManager m = NDManager.newBaseManager()) {
      Block net = ModelZoo.build(cfg);
      Shape in = new Shape(batch, cfg.channels(), cfg.height(), cfg.width());
      net.initialize(m, DataType.FLOAT32, in);
      RandomParams.perturb(net, m);
      NDArray x = m.randomNormal(in);
      NDList y = net.forward(new ParameterStore(m, false), new NDList(x), false);
      float[] djl = y.singletonOrThrow().toFloatArray();
      long t0 = System.nanoTime();
      OnnxModel onnx = OnnxExporter.export(net, cfg, dynamic);
      double ms = (System.nanoTime() - t0) / 1e6;
      float[] ort = OrtRunner.run(onnx.bytes(), x.toFloatArray(), in.getShape());
      Result r = new Result(OrtRunner.maxAbsDiff(djl, ort), OrtRunner.maxAbs(djl));
      System.out.printf(
          "onnx-vs-djl %-20s %s stem %-8s block %-7s width %-5s batch %d%s: %4d nodes %9d bytes"
              + " export %6.0f ms  max|out| %.3g  max abs diff %.3g%n",
          cfg.model(),
          cfg.channels() + "x" + cfg.height() + "x" + cfg.width(),
          cfg.stem().label(),
          cfg.block().label(),
          cfg.widthMultiplier(),
          batch,
          dynamic ? " (dynamic)" : "",
          onnx.nodes(),
          onnx.bytes().length,
          ms,
          r.scale(),
          r.diff());
      return r;
    }
  }
}
