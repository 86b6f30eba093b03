package lab.inception.worker.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An inception module's pool branch, an average pool then a 1×1 projection (conv + BN + ReLU), run
 * in the other order: the projection's convolution first, the pool on its output, then batch norm
 * and ReLU. Both are linear maps, one across channels at each pixel and one across pixels in each
 * channel, so they commute: the branch computes the same function (to float rounding) while the
 * pool reads the projection's few channels instead of the module's many (Inception-v4's
 * Inception-B: 128 instead of 1,024). Without a bias the two agree at the borders as well, whether
 * the pool counts the padding or not; with a bias only a pool that excludes the padding averages it
 * to itself, so a biased projection after a padding-counting pool is refused.
 *
 * <p>The children stay the pool and the projection, in the papers' order: the cost analysis, the
 * graph, the ONNX export and the checkpoints see the branch as {@code seq(pool, projection)}.
 */
public final class PooledProjection extends Chain {

  /**
   * @param pool an average pool ({@link Op} of an {@link OpSpec.AvgPool})
   * @param projection a 1×1 convolution unit at stride 1 without padding
   */
  public PooledProjection(Block pool, ConvUnit projection) {
    if (!(pool instanceof Op op && op.spec() instanceof OpSpec.AvgPool avg)) {
      throw new IllegalArgumentException("not an average pool: " + pool);
    }
    if (!projection.isPointwise()) {
      throw new IllegalArgumentException(
          "the projection must be 1×1 at stride 1 without padding: " + projection.label());
    }
    if (projection.hasBias() && avg.countPad() && avg.p() > 0) {
      throw new IllegalArgumentException(
          "a biased projection does not commute with a pool that counts its padding");
    }
    add(pool);
    add(projection);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    var children = getChildren().values();
    Block pool = children.get(0);
    ConvUnit projection = (ConvUnit) children.get(1);
    return projection.forwardWith(
        ps,
        inputs,
        training,
        params,
        y -> pool.forward(ps, new NDList(y), training, params).singletonOrThrow());
  }
}
