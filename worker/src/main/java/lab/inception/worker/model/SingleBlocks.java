package lab.inception.worker.model;

import ai.djl.nn.Block;
import lab.inception.worker.model.ModelConfig.BlockKind;

/**
 * The single inception modules the course notebook compares on a 256×28×28 input, all with its
 * widths (#1×1 128, #3×3 reduce 64, #3×3 192, #5×5 reduce 64, #5×5 96, pool proj 64):
 *
 * <ul>
 *   <li>{@code naive-block} — Szegedy et al. 2014, Figure 2(a): 1×1, 3×3, 5×5 convolutions and a
 *       3×3/1 max-pool on the same input, concatenated (128 + 192 + 96 + 256 = 672 channels).
 *   <li>{@code naive-projected-block} — Figure 2(a)'s convolutions with 2(b)'s pool projection: 128
 *       + 192 + 96 + 64 = 480 channels, the reduced block's output without its two 1×1 reductions.
 *   <li>{@code reduced-block} — Figure 2(b): 1×1 reductions before the 3×3 and 5×5 and after the
 *       pool: 128; 64→192; 64→96; pool→64 (480 channels).
 *   <li>{@code v2-block} — Ioffe &amp; Szegedy 2015 (BN-Inception) / Szegedy et al. 2015 Figure 5:
 *       batch norm after every convolution and the 5×5 replaced by two 3×3 (64→96→96).
 * </ul>
 */
public final class SingleBlocks {
  /** The notebook's widths, in Table 1's order. */
  static final GoogLeNet.Module NOTEBOOK = new GoogLeNet.Module("block", 128, 64, 192, 64, 96, 64);

  private SingleBlocks() {}

  public static Block naive(ModelConfig c) {
    return figure2(c, BlockKind.NAIVE);
  }

  public static Block naiveProjected(ModelConfig c) {
    return figure2(c, BlockKind.NAIVE_PROJECTED);
  }

  public static Block reduced(ModelConfig c) {
    return figure2(c, BlockKind.REDUCED);
  }

  private static Block figure2(ModelConfig c, BlockKind kind) {
    return Figure2.module(
        NOTEBOOK, kind, (filters, k) -> ConvUnit.relu(c.scale(filters), k, 1, k / 2), 5);
  }

  public static Block v2(ModelConfig c) {
    return new Branches()
        .branch("1x1", ConvUnit.bn(c.scale(128), 1))
        .branch("3x3", seq(ConvUnit.bn(c.scale(64), 1), ConvUnit.bn(c.scale(192), 3)))
        .branch(
            "double3x3",
            seq(
                ConvUnit.bn(c.scale(64), 1),
                ConvUnit.bn(c.scale(96), 3),
                ConvUnit.bn(c.scale(96), 3)))
        .branch("pool", seq(Layers.maxPool(3, 1, 1, false), ConvUnit.bn(c.scale(64), 1)));
  }

  private static Block seq(Block... blocks) {
    return Chain.of(blocks);
  }
}
