package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link PooledProjection} (projection first, pool on its output) trained one step against the
 * papers' order in PyTorch: torch's {@code AvgPool2d}, then torchvision's {@code BasicConv2d} 1×1.
 */
class PooledProjectionTest {

  @TempDir Path tmp;

  private static final Shape INPUT = new Shape(2, 6, 5, 5);
  private static final int FILTERS = 3;

  @Test
  @DisplayName(
      "pool counting its padding, then a 1×1 BasicConv2d: output, gradients and running"
          + " statistics equal PyTorch's in the papers' order")
  void countingPadding() throws Exception {
    assertEqualsReference(Layers.avgPool(3, 1, 1), true);
  }

  @Test
  @DisplayName("the same with the pool excluding its padding (Inception-v4, Inception-ResNet-v2)")
  void excludingPadding() throws Exception {
    assertEqualsReference(InceptionParts.avgPoolExcludingPad(3, 1, 1), false);
  }

  @Test
  @DisplayName(
      "refuses what does not commute: a biased projection after a padding-counting pool, a 3×3"
          + " projection, a max pool")
  void refusesWhatDoesNotCommute() {
    assertThatThrownBy(
            () ->
                new PooledProjection(
                    Layers.avgPool(3, 1, 1), ConvUnit.bnWithBias(FILTERS, 1, 1, 1, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("biased projection");
    assertThatThrownBy(() -> new PooledProjection(Layers.avgPool(3, 1, 1), ConvUnit.bn(FILTERS, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1×1");
    assertThatThrownBy(
            () -> new PooledProjection(Layers.maxPool(3, 1, 1, false), ConvUnit.bn(FILTERS, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an average pool");
  }

  private void assertEqualsReference(Block pool, boolean countPad) throws Exception {
    PooledProjection branch = new PooledProjection(pool, ConvUnit.bn(FILTERS, 1));
    assertThat(branch.getOutputShapes(new Shape[] {INPUT})[0])
        .isEqualTo(new Shape(2, FILTERS, 5, 5));
    String before =
        "torch.nn.AvgPool2d(3, 1, 1, count_include_pad=%s)".formatted(countPad ? "True" : "False");
    BasicConvStep.assertEqual(
        BasicConvStep.ours(branch, INPUT, FILTERS),
        BasicConvStep.torch(tmp, before, INPUT, FILTERS, 1));
  }
}
