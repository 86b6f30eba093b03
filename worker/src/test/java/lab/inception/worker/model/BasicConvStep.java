package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import lab.inception.worker.PyTorchScript;

/**
 * One training step of a block whose parameters are one conv + batch norm unit, in our engine and
 * in PyTorch (torchvision's {@code BasicConv2d}, after whatever module comes before it), from the
 * same weights, input and output gradient. Both sides give the output, the input, weight, γ and β
 * gradients and the running statistics, under the same names.
 */
final class BasicConvStep {
  private BasicConvStep() {}

  /**
   * Ours: {@code block}, stride 1 and "same" size, trained one step on an input of {@code input}.
   */
  static Map<String, float[]> ours(Block block, Shape input, int filters) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, input);
      Parameter weight = parameter(block, "weight");
      Parameter gamma = parameter(block, "gamma");
      Parameter beta = parameter(block, "beta");
      weight.getArray().set(values(weight.getArray().getShape(), i -> 0.2 * Math.cos(0.3 * i)));
      gamma.getArray().set(values(gamma.getArray().getShape(), i -> 1 + 0.1 * i));
      beta.getArray().set(values(beta.getArray().getShape(), i -> 0.05 * i));
      NDArray x = m.create(values(input, i -> Math.sin(0.7 * i)), input);
      x.setRequiresGradient(true);
      Shape outShape = new Shape(input.get(0), filters, input.get(2), input.get(3));
      NDArray c = m.create(values(outShape, i -> Math.sin(0.11 * i)), outShape);
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
        gc.backward(y.mul(c).sum());
      }
      out.put("y", y.toFloatArray());
      out.put("x.grad", x.getGradient().toFloatArray());
      out.put("w.grad", weight.getArray().getGradient().toFloatArray());
      out.put("gamma.grad", gamma.getArray().getGradient().toFloatArray());
      out.put("beta.grad", beta.getArray().getGradient().toFloatArray());
      out.put("running_mean", parameter(block, "runningMean").getArray().toFloatArray());
      out.put("running_var", parameter(block, "runningVar").getArray().toFloatArray());
    }
    return out;
  }

  /**
   * PyTorch's: {@code before} (a torch module expression), then {@code BasicConv2d(C, filters,
   * kernel_size=k, padding=k // 2)}, the same step.
   */
  static Map<String, float[]> torch(Path tmp, String before, Shape input, int filters, int k)
      throws Exception {
    long n = input.get(0), ch = input.get(1), h = input.get(2), w = input.get(3);
    String script =
        String.join(
            "\n",
            "import math, torch",
            "from torchvision.models.inception import BasicConv2d",
            "def values(f, *shape):",
            "    return torch.tensor([f(i) for i in range(math.prod(shape))],"
                + " dtype=torch.float32).reshape(shape)",
            "before = " + before,
            "u = BasicConv2d(%d, %d, kernel_size=%d, padding=%d).train()"
                .formatted(ch, filters, k, k / 2),
            "with torch.no_grad():",
            "    u.conv.weight.copy_(values(lambda i: 0.2 * math.cos(0.3 * i), %d, %d, %d, %d))"
                .formatted(filters, ch, k, k),
            "    u.bn.weight.copy_(values(lambda i: 1 + 0.1 * i, %d))".formatted(filters),
            "    u.bn.bias.copy_(values(lambda i: 0.05 * i, %d))".formatted(filters),
            "x = values(lambda i: math.sin(0.7 * i), %d, %d, %d, %d).requires_grad_()"
                .formatted(n, ch, h, w),
            "c = values(lambda i: math.sin(0.11 * i), %d, %d, %d, %d)".formatted(n, filters, h, w),
            "y = u(before(x))",
            "(y * c).sum().backward()",
            "out = {'y': y, 'x.grad': x.grad, 'w.grad': u.conv.weight.grad,",
            "       'gamma.grad': u.bn.weight.grad, 'beta.grad': u.bn.bias.grad,",
            "       'running_mean': u.bn.running_mean, 'running_var': u.bn.running_var}",
            "for k, v in out.items():",
            "    print(k, ' '.join(repr(float(a)) for a in v.detach().reshape(-1)))");
    return PyTorchScript.namedFloats(PyTorchScript.run(tmp, "basic_conv_step.py", script));
  }

  /** Every quantity of ours equals PyTorch's, element by element, to 2e-5. */
  static void assertEqual(Map<String, float[]> ours, Map<String, float[]> torch) {
    assertThat(torch.keySet()).isEqualTo(ours.keySet());
    for (String k : ours.keySet()) {
      assertThat(ours.get(k)).as(k).containsExactly(torch.get(k), offset(2e-5f));
    }
  }

  private static Parameter parameter(Block block, String suffix) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getKey().endsWith("_" + suffix)) return p.getValue();
    }
    throw new AssertionError("no parameter " + suffix + " in " + block.getParameters().keys());
  }

  private static float[] values(Shape shape, IntToDoubleFunction f) {
    float[] v = new float[(int) shape.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) f.applyAsDouble(i);
    return v;
  }
}
