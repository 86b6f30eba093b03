package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
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
    Map<String, float[]> ours = BasicConvStep.ours(ConvUnit.bn(FILTERS, 3), INPUT, FILTERS);
    float[] out = ours.get("y");
    assertThat(out).as("ReLU ran: some outputs cut to 0").contains(0f);
    for (float v : out) assertThat(v).as("ReLU output").isGreaterThanOrEqualTo(0f);
    BasicConvStep.assertEqual(
        ours, BasicConvStep.torch(tmp, "torch.nn.Identity()", INPUT, FILTERS, 3));
  }
}
