package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import lab.inception.worker.PyTorchScript;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inception modules whose alike opening units run as one {@link SiblingUnits} (the 1×1 branch and
 * two reductions; a naive module's two 3×3 branches), trained one step and then evaluated against
 * the same module in PyTorch, where each branch runs its own layers (torchvision's {@code
 * BasicConv2d}, or {@code nn.Conv2d} with a bias, batch norm, ReLU as the unit kind says).
 */
class SiblingUnitsTest {

  @TempDir Path tmp;

  private static final Shape INPUT = new Shape(2, 6, 5, 5);

  /**
   * A module's units (input channels, filters, kernel) in parameter order, how PyTorch computes its
   * output from them and x, its output channels, and which units run as one.
   */
  private record Module(int[][] units, String torch, int outChannels, int... siblings) {}

  /** GoogLeNet's: 1×1; 1×1 → 3×3; 1×1 → 3×3; max pool → 1×1. */
  private static final Module REDUCED =
      new Module(
          new int[][] {{6, 3, 1}, {6, 2, 1}, {2, 4, 3}, {6, 2, 1}, {2, 3, 3}, {6, 2, 1}},
          "torch.cat([units[0](x), units[2](units[1](x)), units[4](units[3](x)),"
              + " units[5](F.max_pool2d(x, 3, 1, 1))], 1)",
          3 + 4 + 3 + 2,
          0,
          1,
          3);

  /** torchvision's naive one: 1×1; 3×3; 3×3 (its "5×5"); max pool passed through. */
  private static final Module NAIVE =
      new Module(
          new int[][] {{6, 3, 1}, {6, 4, 3}, {6, 2, 3}},
          "torch.cat([units[0](x), units[1](x), units[2](x), F.max_pool2d(x, 3, 1, 1)], 1)",
          3 + 4 + 2 + 6,
          1,
          2);

  @ParameterizedTest(name = "{0} module, {1}, channels-last {2}")
  @CsvSource({
    "reduced, bn, false",
    "reduced, bn, true",
    "reduced, bias-bn, false",
    "reduced, relu, false",
    "reduced, relu, true",
    "naive, bn, true",
    "naive, relu, false"
  })
  @DisplayName(
      "alike opening units as one (1x1 branch + two reductions; two 3x3 branches): output, every"
          + " gradient, the running statistics and the eval-mode output equal PyTorch's branch by"
          + " branch")
  void equalsBranchByBranch(String shape, String kind, boolean channelsLast) throws Exception {
    Module spec = shape.equals("naive") ? NAIVE : REDUCED;
    List<ConvUnit> units = new ArrayList<>();
    for (int[] u : spec.units()) units.add(unit(kind, u[1], u[2]));
    Branches module =
        shape.equals("naive")
            ? new Branches()
                .branch("1x1", units.get(0))
                .branch("3x3", units.get(1))
                .branch("5x5", units.get(2))
                .branch("pool", Layers.maxPool(3, 1, 1, false))
            : new Branches()
                .branch("1x1", units.get(0))
                .branch("3x3", Chain.of(units.get(1), units.get(2)))
                .branch("5x5", Chain.of(units.get(3), units.get(4)))
                .branch("pool", Chain.of(Layers.maxPool(3, 1, 1, false), units.get(5)));
    List<ConvUnit> siblings = new ArrayList<>();
    for (int i : spec.siblings()) siblings.add(units.get(i));
    assertThat(module.siblings().units())
        .as("the units that run as one")
        .containsExactlyElementsOf(siblings);
    Map<String, float[]> ours = ours(module, units, kind, channelsLast, spec.outChannels());
    Map<String, float[]> torch = torch(kind, spec);
    assertThat(ours.keySet()).isEqualTo(torch.keySet());
    for (String k : ours.keySet()) {
      // 2e-5 relative to the array's largest value: the weight gradients reach 50, where the two
      // engines' sums of the same products round differently in the sixth digit
      float scale = 1;
      for (float v : torch.get(k)) scale = Math.max(scale, Math.abs(v));
      // a bias before batch norm has gradient 0 in exact arithmetic, up to 1e-4 in both engines
      if (kind.equals("bias-bn") && k.startsWith("bias")) scale = 10;
      assertThat(ours.get(k)).as(k).containsExactly(torch.get(k), offset(2e-5f * scale));
    }
  }

  @Test
  @DisplayName(
      "only alike units run as one: a lone 1x1 beside a 3x3, a max-pool branch and units of"
          + " different kinds or strides stay separate")
  void planOnlyAlikeUnits() {
    Branches lone =
        new Branches()
            .branch("1x1", ConvUnit.bn(4, 1))
            .branch("3x3", ConvUnit.bn(4, 3))
            .branch("pool", Chain.of(Layers.maxPool(3, 1, 1, false), ConvUnit.bn(2, 1)));
    assertThat(lone.siblings()).isNull();
    Branches mixed =
        new Branches()
            .branch("a", ConvUnit.bn(4, 1))
            .branch("b", ConvUnit.relu(4, 1, 1, 0))
            .branch("c", ConvUnit.bn(4, 1, 1, 2, 0, 0));
    assertThat(mixed.siblings()).isNull();
    ConvUnit a = ConvUnit.relu(4, 1, 1, 0);
    ConvUnit c = ConvUnit.relu(2, 1, 1, 0);
    Branches two =
        new Branches()
            .branch("a", a)
            .branch("b", ConvUnit.bn(4, 1))
            .branch("c", Chain.of(c, ConvUnit.relu(3, 3, 1, 1)));
    assertThat(two.siblings().units()).containsExactly(a, c);
    assertThatThrownBy(() -> new SiblingUnits(List.of(a, ConvUnit.bn(4, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a layer like");
  }

  private static ConvUnit unit(String kind, int filters, int k) {
    return switch (kind) {
      case "bn" -> ConvUnit.bn(filters, k);
      case "bias-bn" -> ConvUnit.bnWithBias(filters, k, k, 1, k / 2, k / 2);
      case "relu" -> ConvUnit.relu(filters, k, 1, k / 2);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static final String CHANNELS_LAST =
      """
      def forward(self: __torch__.Kernel,
          x: Tensor) -> Tensor:
        return torch.contiguous(x, memory_format=2)
      """;

  private static final String CONTIGUOUS =
      """
      def forward(self: __torch__.Kernel,
          x: Tensor) -> Tensor:
        return torch.contiguous(x)
      """;

  private static Map<String, float[]> ours(
      Branches module, List<ConvUnit> units, String kind, boolean channelsLast, int outChannels) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (NDManager m = NDManager.newBaseManager()) {
      module.initialize(m, DataType.FLOAT32, INPUT);
      for (int i = 0; i < units.size(); i++) {
        int u = i;
        ConvUnit unit = units.get(i);
        set(unit, "weight", j -> 0.2 * Math.cos(0.3 * j + u));
        if (!kind.equals("bn")) set(unit, "bias", j -> 0.03 * Math.sin(j + u));
        if (!kind.equals("relu")) {
          set(unit, "gamma", j -> 1 + 0.1 * j + 0.01 * u);
          set(unit, "beta", j -> 0.05 * j - 0.02 * u);
        }
      }
      NDArray x = m.create(values(INPUT, i -> Math.sin(0.7 * i)), INPUT);
      if (channelsLast) x = ScriptKernel.of(CHANNELS_LAST).apply(x);
      x.setRequiresGradient(true);
      Shape outShape = new Shape(INPUT.get(0), outChannels, INPUT.get(2), INPUT.get(3));
      NDArray c = m.create(values(outShape, i -> Math.sin(0.11 * i)), outShape);
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = module.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
        gc.backward(y.mul(c).sum());
      }
      out.put("y", floats(y));
      out.put("x.grad", floats(x.getGradient()));
      for (int i = 0; i < units.size(); i++) {
        ConvUnit unit = units.get(i);
        for (String p : List.of("weight", "bias", "gamma", "beta")) {
          Parameter param = parameter(unit, p);
          if (param != null) out.put(p + i + ".grad", floats(param.getArray().getGradient()));
        }
        for (String p : List.of("runningMean", "runningVar")) {
          Parameter param = parameter(unit, p);
          if (param != null) out.put(p + i, floats(param.getArray()));
        }
      }
      NDArray eval =
          module.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      out.put("y.eval", floats(eval));
    }
    return out;
  }

  /**
   * PyTorch's: the same units, each branch running its own, the outputs concatenated; one step,
   * then the eval-mode output.
   */
  private Map<String, float[]> torch(String kind, Module spec) throws Exception {
    StringBuilder units = new StringBuilder("units = [");
    for (int[] u : spec.units()) units.append("make(%d, %d, %d), ".formatted(u[0], u[1], u[2]));
    String script =
        String.join(
            "\n",
            "import math, torch",
            "import torch.nn as nn, torch.nn.functional as F",
            "from torchvision.models.inception import BasicConv2d",
            "kind = '" + kind + "'",
            "def values(f, *shape):",
            "    return torch.tensor([f(i) for i in range(math.prod(shape))],"
                + " dtype=torch.float32).reshape(shape)",
            "def make(cin, cout, k):",
            "    if kind == 'bn':",
            "        return BasicConv2d(cin, cout, kernel_size=k, padding=k // 2)",
            "    layers = [nn.Conv2d(cin, cout, k, padding=k // 2, bias=True)]",
            "    if kind == 'bias-bn':",
            "        layers.append(nn.BatchNorm2d(cout))",
            "    return nn.Sequential(*layers, nn.ReLU())",
            units.append("]").toString(),
            "def conv(u):",
            "    return u.conv if kind == 'bn' else u[0]",
            "def bn(u):",
            "    return u.bn if kind == 'bn' else (u[1] if kind == 'bias-bn' else None)",
            "with torch.no_grad():",
            "    for i, u in enumerate(units):",
            "        w = conv(u).weight",
            "        w.copy_(values(lambda j: 0.2 * math.cos(0.3 * j + i), *w.shape))",
            "        if conv(u).bias is not None:",
            "            conv(u).bias.copy_(values(lambda j: 0.03 * math.sin(j + i), w.shape[0]))",
            "        if bn(u) is not None:",
            "            bn(u).weight.copy_(values(lambda j: 1 + 0.1 * j + 0.01 * i, w.shape[0]))",
            "            bn(u).bias.copy_(values(lambda j: 0.05 * j - 0.02 * i, w.shape[0]))",
            "def module(x):",
            "    return " + spec.torch(),
            "x = values(lambda i: math.sin(0.7 * i), %d, %d, %d, %d).requires_grad_()"
                .formatted(INPUT.get(0), INPUT.get(1), INPUT.get(2), INPUT.get(3)),
            "c = values(lambda i: math.sin(0.11 * i), %d, %d, %d, %d)"
                .formatted(INPUT.get(0), spec.outChannels(), INPUT.get(2), INPUT.get(3)),
            "y = module(x)",
            "(y * c).sum().backward()",
            "out = {'y': y, 'x.grad': x.grad}",
            "for i, u in enumerate(units):",
            "    out['weight%d.grad' % i] = conv(u).weight.grad",
            "    if conv(u).bias is not None:",
            "        out['bias%d.grad' % i] = conv(u).bias.grad",
            "    if bn(u) is not None:",
            "        out['gamma%d.grad' % i] = bn(u).weight.grad",
            "        out['beta%d.grad' % i] = bn(u).bias.grad",
            "        out['runningMean%d' % i] = bn(u).running_mean",
            "        out['runningVar%d' % i] = bn(u).running_var",
            "for u in units:",
            "    u.eval()",
            "with torch.no_grad():",
            "    out['y.eval'] = module(x)",
            "for k, v in out.items():",
            "    print(k, ' '.join(repr(float(a)) for a in v.detach().reshape(-1)))");
    return PyTorchScript.namedFloats(PyTorchScript.run(tmp, "sibling_projections.py", script));
  }

  /** The array's values in its logical (row-major) order, whatever its memory layout. */
  private static float[] floats(NDArray a) {
    try (NDArray c = ScriptKernel.of(CONTIGUOUS).apply(a)) {
      return c.toFloatArray();
    }
  }

  private static void set(Block unit, String suffix, IntToDoubleFunction f) {
    NDArray a = parameter(unit, suffix).getArray();
    a.set(values(a.getShape(), f));
  }

  private static Parameter parameter(Block block, String suffix) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getKey().endsWith("_" + suffix)) return p.getValue();
    }
    return null;
  }

  private static float[] values(Shape shape, IntToDoubleFunction f) {
    float[] v = new float[(int) shape.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) f.applyAsDouble(i);
    return v;
  }
}
