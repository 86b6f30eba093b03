package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LayersTest {

  private static float[] run(Block b, NDArray x) {
    ParameterStore ps = new ParameterStore(x.getManager(), false);
    return b.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
  }

  @Test
  @DisplayName(
      "LRN divides by (k + α/n·Σ a²)^β over the channel window, as PyTorch's LocalResponseNorm")
  void lrn() {
    try (NDManager m = NDManager.newBaseManager()) {
      // one pixel, 3 channels 1,2,3; size 3, alpha 3 (α/n = 1), beta 1, k 1
      NDArray x = m.create(new float[] {1, 2, 3}, new Shape(1, 3, 1, 1));
      float[] y = run(Layers.lrn(3, 3f, 1f, 1f), x);
      // channel 0 window {0,1} (zero-padded): α/n·Σa² = 1·(1+4) → 1/(1+5)
      assertThat(y[0]).isCloseTo(1f / 6f, within(1e-5f));
      assertThat(y[1]).isCloseTo(2f / 15f, within(1e-5f));
      assertThat(y[2]).isCloseTo(3f / 14f, within(1e-5f));
    }
  }

  @Test
  @DisplayName(
      "adaptive average pooling uses PyTorch's overlapping bins on sizes that do not divide")
  void adaptiveBins() {
    try (NDManager m = NDManager.newBaseManager()) {
      // 1×1×1×5 row 0..4 pooled to 1×2: bins [0,3) and [2,5) → means 1 and 3
      NDArray x = m.arange(5f).reshape(1, 1, 1, 5);
      float[] y = run(Layers.adaptiveAvgPool(1, 2), x);
      assertThat(y).containsExactly(1f, 3f);
    }
  }

  @Test
  @DisplayName("adaptive average pooling's gradient: 1/|bin| per bin an element falls in")
  void adaptiveBinsGradient() {
    try (NDManager m = NDManager.newBaseManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray x = m.arange(5f).reshape(1, 1, 1, 5);
      x.setRequiresGradient(true);
      ParameterStore ps = new ParameterStore(m, false);
      NDArray y = Layers.adaptiveAvgPool(1, 2).forward(ps, new NDList(x), true).singletonOrThrow();
      gc.backward(y.sum());
      // bins [0,3) and [2,5): element 2 is in both
      assertThat(x.getGradient().toFloatArray())
          .containsExactly(new float[] {1 / 3f, 1 / 3f, 2 / 3f, 1 / 3f, 1 / 3f}, within(1e-6f));
    }
  }

  @Test
  @DisplayName("pool output shapes computed from shapes equal what libtorch's pooling returns")
  void pooledShapesMatchLibtorch() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (int n = 1; n <= 9; n++) {
        for (int s = 1; s <= 2; s++) {
          for (int p = 0; p <= 1; p++) {
            for (boolean ceil : new boolean[] {false, true}) {
              long expected = Layers.pooledSize(n, 3, s, p, ceil);
              NDArray x = m.ones(new Shape(1, 1, n, n));
              Shape kernel = new Shape(3, 3);
              Shape stride = new Shape(s, s);
              Shape pad = new Shape(p, p);
              boolean c = ceil;
              String what = "n=" + n + " s=" + s + " p=" + p + " ceil=" + ceil;
              if (expected == 0) {
                assertThatThrownBy(() -> Pool.maxPool2d(x, kernel, stride, pad, c)).as(what);
              } else {
                assertThat(Pool.maxPool2d(x, kernel, stride, pad, c).getShape())
                    .as(what)
                    .isEqualTo(new Shape(1, 1, expected, expected));
              }
            }
          }
        }
      }
    }
  }

  @Test
  @DisplayName(
      "average pooling without padded pixels divides by the real pixels under the window (timm's"
          + " count_include_pad=False), not by k²")
  void averageExcludingPad() {
    try (NDManager m = NDManager.newBaseManager()) {
      // a 3×3 map 1..9, 3×3/1 pool padded by 1: the corner window holds 1, 2, 4, 5 → 12/4 = 3
      NDArray x = m.arange(1f, 10f).reshape(1, 1, 3, 3);
      float[] y = run(InceptionParts.avgPoolExcludingPad(3, 1, 1), x);
      assertThat(y[0]).isCloseTo(3f, within(1e-5f));
      assertThat(y[1]).isCloseTo((1 + 2 + 3 + 4 + 5 + 6) / 6f, within(1e-5f));
      assertThat(y[4]).isCloseTo(5f, within(1e-5f));
      // with padding counted the corner is 12/9
      assertThat(run(Layers.avgPool(3, 1, 1), x)[0]).isCloseTo(12f / 9f, within(1e-5f));
    }
  }

  @Test
  @DisplayName("average pooling without padded pixels: each pixel's gradient is Σ 1/|window|")
  void averageExcludingPadGradient() {
    try (NDManager m = NDManager.newBaseManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray x = m.ones(new Shape(1, 1, 3, 3));
      x.setRequiresGradient(true);
      ParameterStore ps = new ParameterStore(m, false);
      NDArray y =
          InceptionParts.avgPoolExcludingPad(3, 1, 1)
              .forward(ps, new NDList(x), true)
              .singletonOrThrow();
      gc.backward(y.sum());
      // windows of 4 (corners), 6 (edges) and 9 (centre) real pixels; the corner pixel lies in
      // one of each corner-, two edge- and the centre window
      float corner = 1 / 4f + 2 / 6f + 1 / 9f;
      float edge = 2 / 4f + 2 / 6f + 1 / 6f + 1 / 9f;
      float centre = 4 / 4f + 4 / 6f + 1 / 9f;
      assertThat(x.getGradient().toFloatArray())
          .containsExactly(
              new float[] {corner, edge, corner, edge, centre, edge, corner, edge, corner},
              within(1e-6f));
    }
  }
}
