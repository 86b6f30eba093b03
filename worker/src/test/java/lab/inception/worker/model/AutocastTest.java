package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.inception.worker.PyTorchScript;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bf16 autocast: its layers against fp32 ones (bfloat16 keeps 8 significant bits, so results agree
 * to about 1%), the gradients they pass back, every family's network, and the TorchScript archive
 * checked by PyTorch itself.
 */
class AutocastTest {

  @TempDir Path tmp;

  /** max |a − b| / max |b|: the error relative to the output's scale. */
  private static double relError(NDArray a, NDArray b) {
    NDArray af = a.toType(DataType.FLOAT32, false);
    NDArray bf = b.toType(DataType.FLOAT32, false);
    return af.sub(bf).abs().max().getFloat() / bf.abs().max().getFloat();
  }

  @Test
  @DisplayName(
      "a convolution in a bf16 scope gives bfloat16 output within 1% of fp32, gradients too")
  void convolution() {
    Conv2d.Builder spec =
        Conv2d.builder()
            .setFilters(6)
            .setKernelShape(new Shape(3, 5))
            .optStride(new Shape(2, 2))
            .optPadding(new Shape(1, 2));
    for (boolean bias : new boolean[] {true, false}) {
      Block conv = new AutocastConv2d(spec.optBias(bias));
      try (NDManager m = NDManager.newBaseManager()) {
        Shape in = new Shape(4, 8, 9, 9);
        conv.initialize(m, DataType.FLOAT32, in);
        ParameterStore ps = new ParameterStore(m, false);
        NDArray x = m.randomNormal(in);
        NDArray fp32 = conv.forward(ps, new NDList(x), false).singletonOrThrow();
        assertThat(Autocast.current()).isEqualTo(Precision.FP32);
        NDArray bf16;
        try (Autocast a = Autocast.enter(Precision.BF16)) {
          bf16 = conv.forward(ps, new NDList(x), false).singletonOrThrow();
        }
        assertThat(Autocast.current()).isEqualTo(Precision.FP32);
        assertThat(fp32.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(bf16.getDataType()).as("DJL's name for bfloat16").isEqualTo(DataType.UNKNOWN);
        assertThat(bf16.getShape()).isEqualTo(new Shape(4, 6, 5, 5)).isEqualTo(fp32.getShape());
        assertThat(relError(bf16, fp32)).as("bias " + bias).isLessThan(1e-2).isGreaterThan(0);

        List<float[]> grads = new ArrayList<>();
        NDArray g = m.randomNormal(fp32.getShape());
        for (Precision p : Precision.values()) {
          Parameter w = conv.getParameters().get("weight");
          try (GradientCollector gc = Engine.getInstance().newGradientCollector();
              Autocast a = Autocast.enter(p)) {
            NDArray y = conv.forward(ps, new NDList(x), true).singletonOrThrow();
            // bfloat16 × fp32 promotes to fp32 (DJL's toType would cut the graph here)
            gc.backward(y.mul(g).sum());
          }
          NDArray grad = w.getArray().getGradient();
          assertThat(grad.getDataType()).as("master weights' gradient").isEqualTo(DataType.FLOAT32);
          grads.add(grad.toFloatArray());
          grad.subi(grad);
        }
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < grads.get(0).length; i++) {
          worst = Math.max(worst, Math.abs(grads.get(1)[i] - grads.get(0)[i]));
          scale = Math.max(scale, Math.abs(grads.get(0)[i]));
        }
        assertThat(worst / scale).as("weight gradient, bias " + bias).isLessThan(2e-2);
      }
    }
  }

  @Test
  @DisplayName("a linear layer in a bf16 scope computes in bfloat16 and answers fp32 logits")
  void linear() {
    Block fc = new AutocastLinear(Linear.builder().setUnits(10));
    try (NDManager m = NDManager.newBaseManager()) {
      fc.initialize(m, DataType.FLOAT32, new Shape(5, 64));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = m.randomNormal(new Shape(5, 64));
      NDArray fp32 = fc.forward(ps, new NDList(x), false).singletonOrThrow();
      NDArray bf16;
      try (Autocast a = Autocast.enter(Precision.BF16)) {
        bf16 = fc.forward(ps, new NDList(x), false).singletonOrThrow();
      }
      assertThat(bf16.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(relError(bf16, fp32)).isLessThan(1e-2).isGreaterThan(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "googlenet",
        "googlenet-tv",
        "bn-inception",
        "inception-v3",
        "inception-v4",
        "inception-resnet-v1",
        "inception-resnet-v2"
      })
  @DisplayName("every family runs in bf16: fp32 logits near fp32's, finite fp32 gradients")
  void everyFamily(String model) {
    boolean aux = ModelZoo.spec(model).hasAux();
    ModelConfig cfg =
        new ModelConfig(model, 1, 28, 28, 10, aux, 0.125, Stem.SMALL, BlockKind.REDUCED);
    Block net = ModelZoo.build(cfg);
    try (NDManager m = NDManager.newBaseManager()) {
      Shape in = new Shape(4, 1, 28, 28);
      net.initialize(m, DataType.FLOAT32, in);
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = m.randomNormal(in);
      NDArray fp32 = net.forward(ps, new NDList(x), false).get(0);
      try (Autocast a = Autocast.enter(Precision.BF16)) {
        NDArray bf16 = net.forward(ps, new NDList(x), false).get(0);
        assertThat(bf16.getDataType()).isEqualTo(DataType.FLOAT32);
        // Errors grow with depth (each layer rounds its input to 8 bits): 10% of the scale bounds
        // them at this width, where a network computing something else would be off by ~100%.
        assertThat(relError(bf16, fp32)).as(model).isLessThan(0.1).isGreaterThan(0);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDList out = net.forward(ps, new NDList(x), true);
          NDArray loss = out.get(0).logSoftmax(1).get(":, 0").neg().mean();
          gc.backward(loss);
        }
      }
      for (var p : net.getParameters()) {
        if (!p.getValue().requiresGradient()) continue;
        NDArray grad = p.getValue().getArray().getGradient();
        assertThat(grad.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(grad.isNaN().any().getBoolean() || grad.isInfinite().any().getBoolean())
            .as(model + " " + p.getKey())
            .isFalse();
      }
    }
  }

  @Test
  @DisplayName("PyTorch loads the archive TorchScriptArchive writes and runs it like torch.conv2d")
  void archiveLoadsInPyTorch() throws Exception {
    Path file = tmp.resolve("kernel.pt");
    TorchScriptArchive.write(
        file,
        "def forward(self: __torch__.Kernel,\n    x: Tensor,\n    w: Tensor) -> Tensor:\n"
            + "  return torch.conv2d(torch.to(x, 15), torch.to(w, 15), None, [2, 1], [1, 0],"
            + " [1, 1], 1)\n");
    String script =
        String.join(
            "\n",
            "import sys, torch",
            "m = torch.jit.load(sys.argv[1])",
            "torch.manual_seed(0)",
            "x, w = torch.randn(2, 3, 7, 7), torch.randn(4, 3, 3, 3)",
            "y = m(x, w)",
            "ref = torch.conv2d(x.bfloat16(), w.bfloat16(), None, [2, 1], [1, 0])",
            "print(y.dtype, tuple(y.shape), bool(torch.equal(y, ref)), m.training)");
    String out = PyTorchScript.run(tmp, "check.py", script, file.toString());
    assertThat(out).isEqualTo("torch.bfloat16 (2, 4, 4, 5) True True");
  }

  @Test
  @DisplayName("precision labels parse back; an unknown one names the choices")
  void labels() {
    assertThat(Precision.labels()).containsExactly("fp32", "bf16");
    for (Precision p : Precision.values()) assertThat(Precision.parse(p.label())).isSameAs(p);
    assertThatThrownBy(() -> Precision.parse("fp16"))
        .hasMessageContaining("'fp16'")
        .hasMessageContaining("fp32 or bf16");
  }
}
