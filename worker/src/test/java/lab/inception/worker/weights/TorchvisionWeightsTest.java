package lab.inception.worker.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import lab.inception.worker.model.ModelZoo;
import lab.inception.worker.onnx.OnnxExporter;
import lab.inception.worker.onnx.OrtRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * torchvision's own networks, saved by torch.save at test time, loaded by name into {@code
 * googlenet-tv} and {@code inception-v3}: the logits equal torchvision's within 1e-4, every loaded
 * tensor equals the file's, and every kind of bad file is refused naming the first mismatch with
 * nothing loaded.
 */
class TorchvisionWeightsTest {
  static final double TOLERANCE = 1e-4;
  static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
  static Path dir;
  static NDManager manager;

  @BeforeAll
  static void reference() throws Exception {
    dir = TorchvisionReference.generate(Files.createTempDirectory("tv-reference"));
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    manager.close();
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  static Block net(String model, int size, int classes, boolean aux) {
    ModelConfig cfg =
        new ModelConfig(model, 3, size, size, classes, aux, 1.0, Stem.IMAGENET, BlockKind.REDUCED);
    Block b = ModelZoo.build(cfg);
    b.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
    return b;
  }

  @ParameterizedTest(name = "{0} from {1}{2}")
  @CsvSource({
    "googlenet-tv, googlenet, .pth, 224",
    "googlenet-tv, googlenet, .safetensors, 224",
    "inception-v3, inception_v3, .pth, 299",
    "inception-v3, inception_v3, .safetensors, 299"
  })
  @DisplayName("torchvision's state_dict gives torchvision's eval-mode logits within 1e-4")
  void sameLogits(String model, String tv, String ext, int size) throws Exception {
    Block b = net(model, size, 1000, false);
    InitFrom.load(b, model, dir.resolve(tv + ext), false, QUIET);
    float[] x = TorchvisionReference.floats(dir.resolve(tv + ".input.f32"));
    float[] expected = TorchvisionReference.floats(dir.resolve(tv + ".logits.f32"));
    NDArray in = manager.create(x, new Shape(2, 3, size, size));
    float[] actual =
        b.forward(new ParameterStore(manager, false), new NDList(in), false)
            .singletonOrThrow()
            .toFloatArray();
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    ModelConfig cfg =
        new ModelConfig(model, 3, size, size, 1000, false, 1.0, Stem.IMAGENET, BlockKind.REDUCED);
    byte[] onnx = OnnxExporter.export(b, cfg, true).bytes();
    float[] ort = OrtRunner.run(onnx, x, new long[] {2, 3, size, size});
    double ortDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      ortDiff = Math.max(ortDiff, Math.abs(expected[i] - ort[i]));
    }
    System.out.printf(
        "djl-vs-torchvision %-13s %-12s max|logit| %.3g  max abs diff %.3g;"
            + " its ONNX export in ONNX Runtime vs torchvision %.3g%n",
        model, ext, scale, diff, ortDiff);
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(diff).isLessThan(TOLERANCE);
    assertThat(ortDiff).isLessThan(TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"googlenet-tv, googlenet, 224", "inception-v3, inception_v3, 299"})
  @DisplayName("with aux heads every tensor, aux heads included, equals the file's")
  void everyTensorEqual(String model, String tv, int size) {
    Block b = net(model, size, 1000, true);
    Map<String, HostTensor> file = InitFrom.read(dir.resolve(tv + ".pth"), true);
    int loaded = InitFrom.load(b, model, dir.resolve(tv + ".pth"), false, QUIET);
    List<TorchvisionNames.Entry> entries = TorchvisionNames.of(model, b);
    assertThat(loaded).isEqualTo(entries.size()).isEqualTo(b.getParameters().size());
    long bnInFile = file.keySet().stream().filter(k -> k.endsWith("num_batches_tracked")).count();
    assertThat(file).hasSize(entries.size() + (int) bnInFile);
    for (TorchvisionNames.Entry e : entries) {
      assertThat(same(e.parameter().getArray().toFloatArray(), file.get(e.name()).floats()))
          .as(e.name())
          .isTrue();
    }
  }

  @Test
  @DisplayName("--replace-head keeps fresh classifiers and ignores the file's 1000-class ones")
  void replaceHead() {
    Block b = net("googlenet-tv", 224, 10, true);
    Map<String, float[]> before = values(b);
    Map<String, HostTensor> file = InitFrom.read(dir.resolve("googlenet.pth"), true);
    InitFrom.load(b, "googlenet-tv", dir.resolve("googlenet.pth"), true, QUIET);
    for (TorchvisionNames.Entry e : TorchvisionNames.of("googlenet-tv", b)) {
      float[] now = e.parameter().getArray().toFloatArray();
      float[] expected =
          e.classifier() ? before.get(e.parameter().getId()) : file.get(e.name()).floats();
      assertThat(same(now, expected)).as(e.name()).isTrue();
    }
  }

  @Test
  @DisplayName("bad files are refused with the file and the first mismatch named, nothing loaded")
  void badFiles() throws Exception {
    Path truncated = dir.resolve("truncated.pth");
    byte[] all = Files.readAllBytes(dir.resolve("googlenet.pth"));
    Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 2));
    Path foreign = dir.resolve("foreign.pth");
    Files.writeString(foreign, "not a tensor file at all");
    Path badSafe = dir.resolve("bad.safetensors");
    Files.write(
        badSafe,
        java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("googlenet.safetensors")), 4000));
    refused("googlenet-tv", 224, 1000, truncated, "truncated.pth", "truncated");
    refused("googlenet-tv", 224, 1000, foreign, "foreign.pth", "not a torch.save zip archive");
    refused("googlenet-tv", 224, 1000, badSafe, "bad.safetensors", "truncated");
    refused("googlenet-tv", 224, 1000, dir.resolve("googlenet_legacy.pth"), "legacy", "legacy");
    refused(
        "googlenet-tv",
        224,
        1000,
        dir.resolve("resnet18.pth"),
        "resnet18.pth",
        "tensor conv1.conv.weight is not in the file (its first tensor is conv1.weight");
    refused(
        "googlenet-tv",
        224,
        1000,
        dir.resolve("module.pth"),
        "module.pth",
        "torch.nn.modules.linear.Linear");
    refused(
        "googlenet-tv",
        224,
        1000,
        dir.resolve("googlenet_nofc.pth"),
        "googlenet_nofc.pth",
        "tensor fc.bias is not in the file");
    refused(
        "inception-v3",
        299,
        1000,
        dir.resolve("googlenet.pth"),
        "googlenet.pth",
        "tensor Conv2d_1a_3x3.conv.weight is not in the file");
    refused(
        "googlenet-tv",
        224,
        10,
        dir.resolve("googlenet.pth"),
        "googlenet.pth",
        "tensor fc.weight is F32 [1000, 1024] in the file, googlenet-tv has F32 [10, 1024]");
    refused(
        "bn-inception",
        224,
        1000,
        dir.resolve("googlenet.pth"),
        "googlenet.pth",
        "loads into googlenet-tv or inception-v3 only");
  }

  @Test
  @DisplayName(
      "after --replace-head and one training step: a 2-class head, every other trainable tensor a"
          + " small step from torchvision's")
  void fineTuneOneStep() throws Exception {
    Path images = dir.resolve("images");
    java.util.Random rnd = new java.util.Random(5);
    for (String c : List.of("a", "b")) {
      Files.createDirectories(images.resolve(c));
      for (int i = 0; i < 10; i++) {
        var img =
            new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
          for (int x = 0; x < 64; x++) img.setRGB(x, y, rnd.nextInt(1 << 24));
        }
        javax.imageio.ImageIO.write(img, "png", images.resolve(c).resolve(i + ".png").toFile());
      }
    }
    var data =
        lab.inception.worker.data.Datasets.load("imagefolder:" + images, null, 64, 0.25, 1, 0, 0);
    Map<String, Object> m = new HashMap<>();
    m.put("model", "googlenet-tv");
    m.put("dataset", "imagefolder:" + images);
    m.put("imageSize", 64);
    m.put("width", 1.0);
    m.put("stem", "imagenet");
    m.put("block", "reduced");
    m.put("epochs", 1);
    m.put("batchSize", 16);
    m.put("optimizer", "sgd");
    // torchvision initialises convolutions with σ 0.01: a small step keeps each tensor near its
    // loaded value (a fresh initialisation would be as far from it as the tensor is large).
    m.put("lr", 1e-5);
    m.put("momentum", 0.0);
    m.put("weightDecay", 0.0);
    m.put("augment", false);
    m.put("auxWeight", 0.3);
    m.put("threads", 2);
    m.put("device", "cpu");
    Path ck = dir.resolve("fine-tune");
    new lab.inception.worker.train.TrainingRunner(
            lab.inception.worker.train.TrialConfig.fromMap(m), data)
        .initFrom(dir.resolve("googlenet.pth"), true)
        .checkpoints(ck, false)
        .log(QUIET)
        .run();
    Block b = net("googlenet-tv", 64, 2, true);
    lab.inception.worker.train.Checkpoints.loadParams(b, ck, false, QUIET);
    Map<String, HostTensor> file = InitFrom.read(dir.resolve("googlenet.pth"), true);
    int moved = 0;
    for (TorchvisionNames.Entry e : TorchvisionNames.of("googlenet-tv", b)) {
      float[] now = e.parameter().getArray().toFloatArray();
      if (e.classifier()) {
        assertThat(e.parameter().getArray().getShape().get(0)).as(e.name()).isEqualTo(2);
        continue;
      }
      if (e.name().contains("running_")) continue; // BN statistics follow the batch, by design
      float[] tv = file.get(e.name()).floats();
      double d = 0;
      double n = 0;
      for (int i = 0; i < tv.length; i++) {
        d += (now[i] - tv[i]) * (double) (now[i] - tv[i]);
        n += tv[i] * (double) tv[i];
      }
      assertThat(Math.sqrt(d / Math.max(n, 1e-12))).as(e.name()).isLessThan(0.05);
      if (d > 0) moved++;
    }
    assertThat(moved).as("trainable tensors that moved").isGreaterThan(100);
  }

  /** Asserts the refusal's one-line message and that no parameter changed. */
  static void refused(String model, int size, int classes, Path file, String... parts) {
    Block b = net(model, size, classes, false);
    Map<String, float[]> before = values(b);
    assertThatThrownBy(() -> InitFrom.load(b, model, file, false, QUIET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(parts)
        .hasMessageNotContaining("\n");
    values(b).forEach((k, v) -> assertThat(same(v, before.get(k))).as(k).isTrue());
  }

  /** Bit-for-bit equal (AssertJ's containsExactly is quadratic on millions of floats). */
  static boolean same(float[] a, float[] b) {
    return java.util.Arrays.equals(a, b);
  }

  static Map<String, float[]> values(Block b) {
    Map<String, float[]> out = new HashMap<>();
    for (Pair<String, Parameter> p : b.getParameters()) {
      out.put(p.getValue().getId(), p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  @Test
  @DisplayName("the restricted unpickler refuses an unknown opcode and reports a truncated pickle")
  void unpickler() {
    assertThatThrownBy(() -> RestrictedUnpickler.load(new byte[] {(byte) 0x80, 2, 'i'}))
        .hasMessageContaining("opcode 0x69");
    assertThatThrownBy(() -> RestrictedUnpickler.load(new byte[] {(byte) 0x80, 2, 'X', 9, 0}))
        .hasMessageContaining("truncated");
    assertThatThrownBy(
            () -> RestrictedUnpickler.load("cos\nsystem\n(X\u0002\0\0\0lstR.".getBytes()))
        .hasMessageContaining("os.system")
        .hasMessageContaining("refused");
  }
}
