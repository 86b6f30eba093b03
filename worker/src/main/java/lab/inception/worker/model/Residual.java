package lab.inception.worker.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import java.util.List;
import java.util.function.Function;

/**
 * A residual inception block (Szegedy et al. 2016, Figures 10–13 and 16–19): an inception module
 * whose concatenated branches go through a linear 1×1 convolution (no batch norm, no ReLU) back to
 * the input width, are multiplied by a small scale (Section 3.3, Figure 20) and added to the input:
 * {@code relu(x + scale · proj(branches(x)))}, or without the ReLU where the reference has none
 * (the last Block8 of Inception-ResNet-v2).
 *
 * <p>Its two children are {@code body} (the branches then {@code proj}) and {@code identity}, so
 * cost analysis and graphs see the module and its shortcut.
 */
public final class Residual extends MergingBlock {
  private final double scale;
  private final boolean relu;

  /**
   * @param branches the inception module (a {@link Branches})
   * @param projection the linear 1×1 convolution back to the input's channel count
   * @param scale the residual scale (0.17, 0.10, 0.20 for the 35×35, 17×17 and 8×8 grids)
   * @param relu whether a ReLU follows the addition
   */
  public Residual(Block branches, ConvUnit projection, double scale, boolean relu) {
    super(merge(scale, relu));
    this.scale = scale;
    this.relu = relu;
    addChildBlock("body", new NamedSequential().add("branches", branches).add("proj", projection));
    addChildBlock("identity", Layers.identity());
  }

  /**
   * x + scale·body as one scaled add ({@code torch.add(x, body, alpha=scale)}: DJL's NDArray API
   * has none), then ReLU in place on that fresh sum: two passes over the activation where a
   * multiply, an add and an out-of-place ReLU took three, each with a new array.
   */
  private static Function<List<NDList>, NDList> merge(double scale, boolean relu) {
    String sum = "torch.add(x, body, alpha=%s)".formatted(Double.toString(scale));
    String kernel =
        """
        def forward(self: __torch__.Kernel,
            body: Tensor,
            x: Tensor) -> Tensor:
          return %s
        """
            .formatted(relu ? "torch.relu_(" + sum + ")" : sum);
    return outs ->
        new NDList(
            ScriptKernel.of(kernel)
                .apply(outs.get(0).singletonOrThrow(), outs.get(1).singletonOrThrow()));
  }

  /**
   * The input's shape, once the body is checked to return it: computed from the shapes alone (the
   * generic {@link ParallelBlock} runs its merge on zero tensors to learn it).
   *
   * @throws IllegalArgumentException when the body does not return the input's shape
   */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape body = getChildren().get(0).getValue().getOutputShapes(inputShapes)[0];
    if (!body.equals(inputShapes[0])) {
      throw new IllegalArgumentException(
          "residual body outputs " + body + " but its input is " + inputShapes[0]);
    }
    return new Shape[] {inputShapes[0]};
  }

  public double scale() {
    return scale;
  }

  public boolean relu() {
    return relu;
  }
}
