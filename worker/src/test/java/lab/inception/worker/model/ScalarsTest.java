package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScalarsTest {

  /**
   * The gradient of {@code op} at x = 2, computed after the garbage collector has run and the freed
   * native memory has been handed out again and filled with NaNs.
   */
  private static float gradientAfterGc(UnaryOperator<NDArray> op) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {2f});
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = op.apply(x);
        List<ByteBuffer> junk = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
          System.gc();
          for (int i = 0; i < 2_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            while (b.hasRemaining()) b.putFloat(Float.NaN);
            junk.add(b);
          }
        }
        gc.backward(y.sum());
        java.lang.ref.Reference.reachabilityFence(junk); // the NaN buffers stay allocated till here
      }
      return x.getGradient().getFloat();
    }
  }

  @Test
  @DisplayName("constants in the autograd graph survive the garbage collector (d(x·0.3)/dx = 0.3)")
  void timesSurvivesGc() {
    assertThat(gradientAfterGc(x -> Scalars.times(x, 0.3f))).isEqualTo(0.3f);
  }

  @Test
  @DisplayName("d(x^0.75)/dx = 0.75·x^-0.25 and d(x+1)/dx = 1 after the garbage collector has run")
  void powerAndPlusSurviveGc() {
    assertThat(gradientAfterGc(x -> Scalars.power(x, 0.75f)))
        .isEqualTo((float) (0.75 * Math.pow(2, -0.25)));
    assertThat(gradientAfterGc(x -> Scalars.plus(x, 1f))).isEqualTo(1f);
  }
}
