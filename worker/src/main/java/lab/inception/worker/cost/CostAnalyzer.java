package lab.inception.worker.cost;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import lab.inception.worker.model.InceptionNet;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelZoo;

/**
 * Exact cost analysis of a zoo model: parameters counted from the built DJL block's parameter
 * shapes (so they cannot drift from what is trained; no array is allocated) and MACs by
 * INTERFACE.md's formulas, per stage and per branch.
 */
public final class CostAnalyzer {
  private CostAnalyzer() {}

  /**
   * Analyses a configuration.
   *
   * @throws IllegalArgumentException for an impossible configuration (unknown model, width ≤ 0,
   *     input too small — naming the smallest valid input)
   */
  public static CostReport analyze(ModelConfig cfg) {
    Block block = ModelZoo.build(cfg);
    Shape in = new Shape(1, cfg.channels(), cfg.height(), cfg.width());
    try {
      checkFits(cfg, block, in);
    } catch (ArithmeticException e) {
      throw overflow(cfg, in);
    }
    return analyze(cfg, block, in);
  }

  private static IllegalArgumentException overflow(ModelConfig cfg, Shape in) {
    return new IllegalArgumentException(
        "the cost of " + cfg.model() + " at input " + Walker.describe(in) + " overflows 64 bits");
  }

  /**
   * Analyses a block, initialised (for example, the one a trial trains) or not: an uninitialised
   * block's parameters get their shapes only, never their arrays.
   *
   * @throws IllegalArgumentException when a count overflows 64 bits
   */
  public static CostReport analyze(ModelConfig cfg, Block block, Shape in) {
    try {
      return walk(cfg, block, in);
    } catch (ArithmeticException e) {
      throw overflow(cfg, in);
    }
  }

  private static CostReport walk(ModelConfig cfg, Block block, Shape in) {
    Walker walker = new Walker();
    LayerNode root = walker.walk(cfg.model(), block, in);
    List<AuxHead> aux = block instanceof InceptionNet net ? walker.auxHeads(net, in) : List.of();
    long auxParams = aux.stream().mapToLong(a -> a.node().params()).reduce(0, Math::addExact);
    long auxMacs = aux.stream().mapToLong(a -> a.node().macs()).reduce(0, Math::addExact);
    return new CostReport(
        cfg,
        Math.addExact(root.params(), auxParams),
        root.macs(),
        auxParams,
        auxMacs,
        root.outputShape(),
        root,
        aux);
  }

  /** The layer tree with shapes and MACs only (no parameters are allocated). */
  public static boolean fits(ModelConfig cfg) {
    Block block = ModelZoo.build(cfg);
    try {
      walkShapes(block, cfg, new Shape(1, cfg.channels(), cfg.height(), cfg.width()));
      return true;
    } catch (Walker.TooSmallException e) {
      return false;
    }
  }

  private static void checkFits(ModelConfig cfg, Block block, Shape in) {
    try {
      walkShapes(block, cfg, in);
    } catch (Walker.TooSmallException e) {
      int min = ModelZoo.smallestInput(cfg);
      throw new IllegalArgumentException(
          "input "
              + Walker.describe(in)
              + " is too small for "
              + cfg.model()
              + " with stem "
              + cfg.stem().label()
              + " ("
              + e.getMessage()
              + "); the smallest valid input is "
              + cfg.channels()
              + "×"
              + min
              + "×"
              + min);
    }
  }

  private static void walkShapes(Block block, ModelConfig cfg, Shape in) {
    Walker walker = new Walker();
    walker.walk(cfg.model(), block, in);
    if (block instanceof InceptionNet net) {
      walker.auxHeads(net, in);
    }
  }
}
