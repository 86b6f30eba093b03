package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.stream.Stream;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward passes of the BN-Inception, Inception-v3/v4 and Inception-ResNet networks at a tiny width
 * with the small stem, on grayscale 28×28 and RGB 32×32 batches of two.
 */
class InceptionFamiliesForwardTest {

  /**
   * Every family on one of the two inputs, and inception-v3 (the one with an aux head) on both: the
   * odd 28→13→6 and 32→15→7 grids are each covered by the 35/17/8-grid designs.
   */
  static Stream<Arguments> networksAndInputs() {
    return Stream.of(
        Arguments.of("bn-inception", 1, 28),
        Arguments.of("inception-v3", 1, 28),
        Arguments.of("inception-v3", 3, 32),
        Arguments.of("inception-v4", 3, 32),
        Arguments.of("inception-resnet-v1", 1, 28),
        Arguments.of("inception-resnet-v2", 3, 32));
  }

  @ParameterizedTest(name = "{0} on 2×{1}×{2}×{2}")
  @MethodSource("networksAndInputs")
  @DisplayName(
      "at width 0.125 with the small stem, inference gives [2, 10] logits and training adds one output per aux head")
  void forward(String model, int channels, int size) {
    boolean aux = ModelZoo.spec(model).hasAux();
    ModelConfig cfg =
        new ModelConfig(model, channels, size, size, 10, aux, 0.125, Stem.SMALL, BlockKind.REDUCED);
    Block net = ModelZoo.build(cfg);
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape in = new Shape(2, channels, size, size);
      net.initialize(manager, DataType.FLOAT32, in);
      ParameterStore ps = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(in);

      NDList inference = net.forward(ps, new NDList(x), false);
      assertThat(inference).hasSize(1);
      assertThat(inference.get(0).getShape()).isEqualTo(new Shape(2, 10));
      assertThat(finite(inference.get(0))).isTrue();

      NDList training = net.forward(ps, new NDList(x), true);
      assertThat(training).hasSize(aux ? 2 : 1);
      for (NDArray out : training) {
        assertThat(out.getShape()).isEqualTo(new Shape(2, 10));
        assertThat(finite(out)).isTrue();
      }
    }
  }

  @Test
  @DisplayName(
      "a residual block computes relu(x + scale·proj(branches(x))), or the sum alone without ReLU")
  void residualArithmetic() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape in = new Shape(1, 4, 5, 5);
      NDArray x = manager.randomNormal(in);
      for (boolean relu : new boolean[] {true, false}) {
        Residual block =
            new Residual(
                new Branches().branch("1x1", ConvUnit.bn(3, 1)).branch("3x3", ConvUnit.bn(2, 3)),
                ConvUnit.linear(4, 1),
                0.17,
                relu);
        block.initialize(manager, DataType.FLOAT32, in);
        ParameterStore ps = new ParameterStore(manager, false);
        Block body = block.getChildren().get(0).getValue();
        NDArray sum = body.forward(ps, new NDList(x), false).singletonOrThrow().mul(0.17f).add(x);
        NDArray expected = relu ? Activation.relu(sum) : sum;
        NDArray actual = block.forward(ps, new NDList(x), false).singletonOrThrow();
        assertThat(actual.getShape()).isEqualTo(in);
        assertThat(actual.allClose(expected, 1e-5, 1e-6, false)).isTrue();
        assertThat(actual.min().getFloat() < 0).isEqualTo(!relu);
        // backward, with the body reduced to its projection's bias b: y = relu(x + 0.17·b), so
        // ∂y/∂x is the ReLU's mask and ∂Σy/∂b_c is 0.17 × the mask's count in channel c
        Parameter bias = null;
        for (var p : block.getParameters()) {
          boolean projBias = p.getKey().contains("proj") && p.getKey().endsWith("bias");
          if (projBias) bias = p.getValue();
          NDArray a = p.getValue().getArray();
          a.set(projBias ? new float[] {0.5f, -0.5f, 1f, -2f} : new float[(int) a.size()]);
        }
        NDArray xg = x.duplicate();
        xg.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          y = block.forward(ps, new NDList(xg), false).singletonOrThrow();
          gc.backward(y.sum());
        }
        NDArray mask = relu ? y.gt(0).toType(DataType.FLOAT32, false) : x.onesLike();
        assertThat(xg.getGradient().toFloatArray()).containsExactly(mask.toFloatArray());
        assertThat(bias.getArray().getGradient().toFloatArray())
            .containsExactly(
                mask.sum(new int[] {0, 2, 3}).mul(0.17f).toFloatArray(), within(1e-5f));
      }
    }
  }

  private static boolean finite(NDArray a) {
    return !a.isNaN().any().getBoolean() && !a.isInfinite().any().getBoolean();
  }
}
