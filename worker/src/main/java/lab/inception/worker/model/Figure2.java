package lab.inception.worker.model;

import ai.djl.nn.Block;
import lab.inception.worker.model.ModelConfig.BlockKind;

/**
 * One inception module of Szegedy et al. 2014, Figure 2, from Table 1's six widths — the one
 * builder of the GoogLeNet family's modules and of the single blocks built from them:
 *
 * <ul>
 *   <li>{@link BlockKind#REDUCED} (Figure 2b): #1×1; #3×3 reduce → #3×3; #5×5 reduce → #5×5; 3×3/1
 *       max-pool → pool proj.
 *   <li>{@link BlockKind#NAIVE} (Figure 2a): #1×1, #3×3 and #5×5 on the module's input, the
 *       max-pool passed through (its output has as many channels as the input: channels grow).
 *   <li>{@link BlockKind#NAIVE_PROJECTED}: 2a's #1×1, #3×3 and #5×5 on the module's input, 2b's
 *       pool proj: the reduced module's output shape; only the two 1×1 reductions are missing.
 * </ul>
 */
final class Figure2 {
  private Figure2() {}

  /**
   * A stride-1 convolution with "same" padding, as each network builds it (bias and ReLU, or BN).
   */
  @FunctionalInterface
  interface Conv {
    /**
     * @param filters the width as Table 1 gives it (the builder scales it)
     * @param k the kernel size, odd
     */
    Block of(int filters, int k);
  }

  /**
   * The module of one Table 1 row.
   *
   * @param k5 the kernel of the "5×5" branch (torchvision builds it 3×3)
   */
  static Block module(GoogLeNet.Module m, BlockKind kind, Conv conv, int k5) {
    String big = k5 + "x" + k5;
    Branches b = new Branches().branch("1x1", conv.of(m.c1(), 1));
    return switch (kind) {
      case REDUCED ->
          b.branch("3x3", Chain.of(conv.of(m.c3r(), 1), conv.of(m.c3(), 3)))
              .branch(big, Chain.of(conv.of(m.c5r(), 1), conv.of(m.c5(), k5)))
              .branch("pool", Chain.of(pool(), conv.of(m.pool(), 1)));
      case NAIVE ->
          b.branch("3x3", conv.of(m.c3(), 3))
              .branch(big, conv.of(m.c5(), k5))
              .branch("pool", pool());
      case NAIVE_PROJECTED ->
          b.branch("3x3", conv.of(m.c3(), 3))
              .branch(big, conv.of(m.c5(), k5))
              .branch("pool", Chain.of(pool(), conv.of(m.pool(), 1)));
    };
  }

  /** The 3×3/1 max-pool of every module (padding 1: the grid is kept). */
  private static Block pool() {
    return Layers.maxPool(3, 1, 1, true);
  }
}
