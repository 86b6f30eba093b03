package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.inception.worker.PyTorchScript;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link ConvUnit} (conv, batch norm, ReLU in place) trained one step against torchvision's own
 * {@code BasicConv2d}: the output, every gradient and the running statistics.
 */
class ConvUnitTest {

  @TempDir Path tmp;

  private static final Shape INPUT = new Shape(2, 3, 5, 5);
  private static final int FILTERS = 4;

  @Test
  @DisplayName(
      "conv + batch norm + in-place ReLU equals torchvision's BasicConv2d in training: output,"
          + " gradients, running statistics")
  void equalsBasicConv2d() throws Exception {
    Map<String, float[]> ours = new LinkedHashMap<>();
    try (NDManager m = NDManager.newBaseManager()) {
      ConvUnit unit = ConvUnit.bn(FILTERS, 3);
      unit.initialize(m, DataType.FLOAT32, INPUT);
      Parameter weight = parameter(unit, "weight");
      Parameter gamma = parameter(unit, "gamma");
      Parameter beta = parameter(unit, "beta");
      weight.getArray().set(values(weight.getArray().getShape(), i -> 0.2 * Math.cos(0.3 * i)));
      gamma.getArray().set(values(gamma.getArray().getShape(), i -> 1 + 0.1 * i));
      beta.getArray().set(values(beta.getArray().getShape(), i -> 0.05 * i));
      NDArray x = m.create(values(INPUT, i -> Math.sin(0.7 * i)), INPUT);
      x.setRequiresGradient(true);
      NDArray c = m.create(values(new Shape(2, FILTERS, 5, 5), i -> Math.sin(0.11 * i)));
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = unit.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
        gc.backward(y.mul(c.reshape(y.getShape())).sum());
      }
      ours.put("y", y.toFloatArray());
      ours.put("x.grad", x.getGradient().toFloatArray());
      ours.put("w.grad", weight.getArray().getGradient().toFloatArray());
      ours.put("gamma.grad", gamma.getArray().getGradient().toFloatArray());
      ours.put("beta.grad", beta.getArray().getGradient().toFloatArray());
      ours.put("running_mean", parameter(unit, "runningMean").getArray().toFloatArray());
      ours.put("running_var", parameter(unit, "runningVar").getArray().toFloatArray());
      float[] out = y.toFloatArray();
      assertThat(out).as("ReLU ran: some outputs cut to 0").contains(0f);
      for (float v : out) assertThat(v).as("ReLU output").isGreaterThanOrEqualTo(0f);
    }
    Map<String, float[]> torch = basicConv2d();
    assertThat(torch.keySet()).isEqualTo(ours.keySet());
    for (String k : ours.keySet()) {
      assertThat(ours.get(k)).as(k).containsExactly(torch.get(k), offset(2e-5f));
    }
  }

  private static Parameter parameter(ConvUnit unit, String suffix) {
    for (Pair<String, Parameter> p : unit.getParameters()) {
      if (p.getKey().endsWith("_" + suffix)) return p.getValue();
    }
    throw new AssertionError("no parameter " + suffix + " in " + unit.getParameters().keys());
  }

  private static float[] values(Shape shape, java.util.function.IntToDoubleFunction f) {
    float[] v = new float[(int) shape.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) f.applyAsDouble(i);
    return v;
  }

  /** The same step in PyTorch: torchvision's BasicConv2d (conv, BN ε 0.001, in-place ReLU). */
  private Map<String, float[]> basicConv2d() throws Exception {
    String script =
        String.join(
            "\n",
            "import math, torch",
            "from torchvision.models.inception import BasicConv2d",
            "def values(f, *shape):",
            "    return torch.tensor([f(i) for i in range(math.prod(shape))],"
                + " dtype=torch.float32).reshape(shape)",
            "u = BasicConv2d(3, " + FILTERS + ", kernel_size=3, padding=1).train()",
            "with torch.no_grad():",
            "    u.conv.weight.copy_(values(lambda i: 0.2 * math.cos(0.3 * i), "
                + FILTERS
                + ", 3, 3, 3))",
            "    u.bn.weight.copy_(values(lambda i: 1 + 0.1 * i, " + FILTERS + "))",
            "    u.bn.bias.copy_(values(lambda i: 0.05 * i, " + FILTERS + "))",
            "x = values(lambda i: math.sin(0.7 * i), 2, 3, 5, 5).requires_grad_()",
            "c = values(lambda i: math.sin(0.11 * i), 2, " + FILTERS + ", 5, 5)",
            "y = u(x)",
            "(y * c).sum().backward()",
            "out = {'y': y, 'x.grad': x.grad, 'w.grad': u.conv.weight.grad,",
            "       'gamma.grad': u.bn.weight.grad, 'beta.grad': u.bn.bias.grad,",
            "       'running_mean': u.bn.running_mean, 'running_var': u.bn.running_var}",
            "for k, v in out.items():",
            "    print(k, ' '.join(repr(float(a)) for a in v.detach().reshape(-1)))");
    return PyTorchScript.namedFloats(PyTorchScript.run(tmp, "basic_conv2d.py", script));
  }
}
