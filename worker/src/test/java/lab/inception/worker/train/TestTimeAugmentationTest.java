package lab.inception.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Random;
import java.util.function.UnaryOperator;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import lab.inception.worker.model.ModelZoo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Test-time augmentation's scores against hand-computed ones and a real network's symmetry. */
class TestTimeAugmentationTest {

  private static final int H = 2;
  private static final int W = 3;

  /** A "network" whose logit k is the first row's pixel in column k: mirroring reverses them. */
  private static NDArray firstRow(NDArray images) {
    return images.get(":, 0, 0, :");
  }

  @Test
  @DisplayName("flip: log of the mean of the image's and its mirror's softmax, by hand")
  void flipByHand() {
    float[] px = {1, 2, -1, 5, 5, 5, 0.5f, 0, 3, 9, 9, 9};
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(px, new Shape(2, 1, H, W));
      float[] none =
          TestTimeAugmentation.NONE.scores(TestTimeAugmentationTest::firstRow, x).toFloatArray();
      assertThat(none).containsExactly(1, 2, -1, 0.5f, 0, 3);
      float[] flip =
          TestTimeAugmentation.FLIP.scores(TestTimeAugmentationTest::firstRow, x).toFloatArray();
      // Image 0 by hand: softmax(1, 2, -1) = (0.25949, 0.70538, 0.03512), of its mirror (-1, 2, 1)
      // = (0.03512, 0.70538, 0.25949); their mean (0.14731, 0.70538, 0.14731).
      assertThat(flip[0]).isCloseTo((float) Math.log(0.14731), offset(1e-4f));
      assertThat(flip[1]).isCloseTo((float) Math.log(0.70538), offset(1e-4f));
      for (int n = 0; n < 2; n++) {
        double[] a = new double[W];
        double[] b = new double[W];
        for (int k = 0; k < W; k++) {
          a[k] = px[n * H * W + k];
          b[k] = px[n * H * W + (W - 1 - k)];
        }
        double[] pa = softmax(a);
        double[] pb = softmax(b);
        for (int k = 0; k < W; k++) {
          assertThat((double) flip[n * W + k])
              .as("image %d class %d", n, k)
              .isCloseTo(Math.log((pa[k] + pb[k]) / 2), offset(1e-6));
        }
      }
    }
  }

  @Test
  @DisplayName("flip: a real network scores an image and its mirror alike; without it, not")
  void mirrorInvariantOnARealNetwork() {
    int size = 28;
    ModelConfig cfg =
        new ModelConfig(
            "bn-inception", 1, size, size, 10, false, 0.125, Stem.SMALL, BlockKind.REDUCED);
    Block net = ModelZoo.build(cfg);
    float[] px = new float[2 * size * size];
    Random r = new Random(7);
    for (int i = 0; i < px.length; i++) px[i] = (float) r.nextGaussian();
    float[] mirrored = new float[px.length];
    for (int n = 0; n < 2; n++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          mirrored[(n * size + y) * size + x] = px[(n * size + y) * size + (size - 1 - x)];
        }
      }
    }
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(2, 1, size, size));
      ParameterStore ps = new ParameterStore(m, false);
      UnaryOperator<NDArray> infer = x -> net.forward(ps, new NDList(x), false).singletonOrThrow();
      NDArray a = m.create(px, new Shape(2, 1, size, size));
      NDArray b = m.create(mirrored, new Shape(2, 1, size, size));
      float[] flipA = TestTimeAugmentation.FLIP.scores(infer, a).toFloatArray();
      float[] flipB = TestTimeAugmentation.FLIP.scores(infer, b).toFloatArray();
      for (int i = 0; i < flipA.length; i++) {
        assertThat(flipB[i]).as("score %d", i).isCloseTo(flipA[i], offset(1e-4f));
      }
      float[] noneA = TestTimeAugmentation.NONE.scores(infer, a).toFloatArray();
      float[] noneB = TestTimeAugmentation.NONE.scores(infer, b).toFloatArray();
      double gap = 0;
      for (int i = 0; i < noneA.length; i++) gap = Math.max(gap, Math.abs(noneA[i] - noneB[i]));
      assertThat(gap).as("the network alone is not mirror-symmetric").isGreaterThan(1e-3);
      // The scores are log-probabilities: each image's exponentials sum to 1.
      NDArray p = TestTimeAugmentation.FLIP.scores(infer, a).exp().sum(new int[] {1});
      for (float s : p.toFloatArray()) assertThat(s).isCloseTo(1f, offset(1e-5f));
    }
  }

  @Test
  @DisplayName("labels parse back; an unknown one names the choices")
  void labels() {
    assertThat(TestTimeAugmentation.labels()).containsExactly("none", "flip");
    for (TestTimeAugmentation t : TestTimeAugmentation.values()) {
      assertThat(TestTimeAugmentation.parse(t.label())).isSameAs(t);
    }
    assertThatThrownBy(() -> TestTimeAugmentation.parse("crop10"))
        .hasMessageContaining("'crop10'")
        .hasMessageContaining("none or flip");
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) max = Math.max(max, v);
    double sum = 0;
    double[] e = new double[z.length];
    for (int i = 0; i < z.length; i++) sum += e[i] = Math.exp(z[i] - max);
    for (int i = 0; i < z.length; i++) e[i] /= sum;
    return e;
  }
}
