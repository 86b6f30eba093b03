package lab.inception.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.inception.worker.PyTorchScript;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SGD step (one TorchScript call over all parameters) against PyTorch's own {@code
 * torch.optim.SGD}, and the channels-last weights it updates.
 */
class SgdStepTest {

  @TempDir Path tmp;

  private static final float[] LRS = {0.05f, 0.04f, 0.03f};
  private static final double WEIGHT_DECAY = 5e-4;
  private static final double CLIP_SCALE = 0.5; // applied at step 2
  private static final Shape CONV = new Shape(4, 3, 3, 3);
  private static final Shape BIAS = new Shape(4);

  /** The optimizer settings compared: Nesterov, classical momentum, plain SGD. */
  private record Setting(double momentum, boolean nesterov) {}

  private static final List<Setting> SETTINGS =
      List.of(new Setting(0.9, true), new Setting(0.9, false), new Setting(0, false));

  @Test
  @DisplayName(
      "SGD over channels-last conv weights and a bias equals torch.optim.SGD over three steps")
  void equalsTorchOptimSgd() throws Exception {
    List<float[]> ours = new ArrayList<>();
    for (Setting s : SETTINGS) {
      try (NDManager m = NDManager.newBaseManager()) {
        RecipeOptimizer opt =
            new RecipeOptimizer(
                RecipeOptimizer.Kind.SGD, s.momentum(), s.nesterov(), WEIGHT_DECAY, m);
        List<Parameter> params = List.of(parameter(m, "w", CONV), parameter(m, "b", BIAS));
        WeightLayout.channelsLast(params);
        for (int step = 1; step <= LRS.length; step++) {
          NDList grads;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            // d/dw sum(w·c·step) = c·step
            NDArray loss = null;
            for (Parameter p : params) {
              NDArray term =
                  p.getArray().mul(coefficients(m, p.getArray().getShape()).mul(step)).sum();
              loss = loss == null ? term : loss.add(term);
            }
            grads = Gradients.of(loss, params, m);
          }
          opt.prepareStep(LRS[step - 1], step);
          if (step == 2) opt.scaleGradients(CLIP_SCALE);
          opt.step(params, grads);
          for (Parameter p : params) {
            assertThat(JniUtils.getGradient((PtNDArray) p.getArray()))
                .as("nothing accumulated into %s.grad", p.getName())
                .isNull();
          }
        }
        assertThat(WeightLayout.isChannelsLast(params.get(0).getArray())).isTrue();
        for (Parameter p : params) ours.add(p.getArray().toFloatArray());
      }
    }
    List<float[]> torch = torchReference();
    assertThat(torch).hasSameSizeAs(ours);
    for (int i = 0; i < ours.size(); i++) {
      assertThat(ours.get(i))
          .as("%s, parameter %d", SETTINGS.get(i / 2), i % 2)
          .containsExactly(torch.get(i), offset(2e-6f));
    }
    // the three settings differ, so the comparison can tell them apart
    assertThat(ours.get(0)).isNotEqualTo(ours.get(2)).isNotEqualTo(ours.get(4));
  }

  @Test
  @DisplayName(
      "re-laying a weight channels-last keeps its values; its gradient and momentum follow it")
  void layoutFollowsTheWeight() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter w = parameter(m, "w", CONV);
      Parameter b = parameter(m, "b", BIAS);
      float[] before = w.getArray().toFloatArray();
      assertThat(WeightLayout.isChannelsLast(w.getArray())).isFalse();
      WeightLayout.channelsLast(List.of(w, b));
      assertThat(WeightLayout.isChannelsLast(w.getArray())).isTrue();
      assertThat(w.getArray().toFloatArray()).containsExactly(before);
      assertThat(WeightLayout.channelsLast(w.getArray())).as("already channels-last").isFalse();

      RecipeOptimizer opt = new RecipeOptimizer(RecipeOptimizer.Kind.SGD, 0.9, true, 0, m);
      NDList grads;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray x = m.randomNormal(new Shape(2, 3, 6, 6));
        NDArray xcl = x.transpose(0, 2, 3, 1).duplicate().transpose(0, 3, 1, 2);
        NDList y = Conv2d.conv2d(xcl, w.getArray(), b.getArray(), new Shape(1, 1), new Shape(1, 1));
        grads = Gradients.of(y.singletonOrThrow().sum(), List.of(w, b), m);
      }
      assertThat(WeightLayout.isChannelsLast(grads.get(0)))
          .as("the gradient of a channels-last convolution")
          .isTrue();
      opt.prepareStep(0.1, 1);
      opt.step(List.of(w, b), grads);
      NDList state = opt.exportState();
      assertThat(state).hasSize(2);
      assertThat(WeightLayout.isChannelsLast(state.get(0))).as("momentum").isTrue();

      // loading weights writes NCHW arrays: the runner lays them out again after loading
      w.getArray().set(before);
      assertThat(WeightLayout.isChannelsLast(w.getArray())).isFalse();
      // an imported momentum buffer takes its weight's layout at its first use
      RecipeOptimizer resumed = new RecipeOptimizer(RecipeOptimizer.Kind.SGD, 0.9, true, 0, m);
      resumed.importState(state);
      WeightLayout.channelsLast(List.of(w, b));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        grads = Gradients.of(w.getArray().sum().add(b.getArray().sum()), List.of(w, b), m);
      }
      resumed.prepareStep(0.1, 2);
      resumed.step(List.of(w, b), grads);
      assertThat(WeightLayout.isChannelsLast(resumed.exportState().get(0))).isTrue();
    }
  }

  /** A trainable parameter with values sin(i + 1) and a gradient. */
  private static Parameter parameter(NDManager m, String name, Shape shape) {
    Parameter p =
        Parameter.builder()
            .setName(name)
            .setType(name.equals("b") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
            .build();
    float[] v = new float[(int) shape.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i + 1);
    p.setArray(m.create(v, shape));
    p.getArray().setRequiresGradient(true);
    return p;
  }

  /** cos(i + 1) in the shape: the loss's coefficients, so the gradients (in NCHW order). */
  private static NDArray coefficients(NDManager m, Shape shape) {
    float[] v = new float[(int) shape.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) Math.cos(i + 1);
    return m.create(v, shape);
  }

  /** The same three steps in PyTorch: one line of final values per setting and parameter. */
  private List<float[]> torchReference() throws Exception {
    StringBuilder settings = new StringBuilder();
    for (Setting s : SETTINGS) {
      settings.append(
          String.format(Locale.ROOT, "(%s, %s), ", s.momentum(), s.nesterov() ? "True" : "False"));
    }
    String script =
        String.join(
            "\n",
            "import math, torch",
            "torch.set_default_dtype(torch.float32)",
            "def values(f, shape):",
            "    n = math.prod(shape)",
            "    return torch.tensor([f(i + 1) for i in range(n)], dtype=torch.float32).reshape(shape)",
            "for momentum, nesterov in [" + settings + "]:",
            "    w = values(math.sin, (4, 3, 3, 3)).contiguous(memory_format=torch.channels_last)",
            "    b = values(math.sin, (4,))",
            "    ps = [torch.nn.Parameter(w), torch.nn.Parameter(b)]",
            "    opt = torch.optim.SGD(ps, lr=0.1, momentum=momentum, nesterov=nesterov,"
                + " weight_decay="
                + WEIGHT_DECAY
                + ")",
            "    for step, lr in enumerate([" + join(LRS) + "], start=1):",
            "        for g in opt.param_groups: g['lr'] = lr",
            "        for p in ps:",
            "            p.grad = values(math.cos, tuple(p.shape)) * step",
            "            if step == 2: p.grad *= " + CLIP_SCALE,
            "        opt.step()",
            "    assert ps[0].is_contiguous(memory_format=torch.channels_last)",
            "    for i, p in enumerate(ps):",
            "        print(f'{momentum}/{nesterov}/{i}',"
                + " ' '.join(repr(float(x)) for x in p.detach().contiguous().reshape(-1)))");
    return List.copyOf(
        PyTorchScript.namedFloats(PyTorchScript.run(tmp, "sgd.py", script)).values());
  }

  private static String join(float[] v) {
    StringBuilder b = new StringBuilder();
    for (float x : v) b.append(b.isEmpty() ? "" : ", ").append(x);
    return b.toString();
  }
}
