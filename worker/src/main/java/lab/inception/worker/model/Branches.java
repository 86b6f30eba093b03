package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An inception module: named branches that all read the same input and whose outputs are
 * concatenated along the channel axis (Szegedy et al. 2014, Figure 2).
 *
 * <p>Where two or more branches open with alike convolution units (a {@link ConvUnit} of its own,
 * or the first block of a {@link Chain}; alike but for their filter counts), those units run as one
 * {@link SiblingUnits} and each branch continues from its share of the channels. The tree is
 * unchanged: the cost analysis, the graph, the ONNX export and the checkpoints see each branch as
 * the paper draws it.
 */
public final class Branches extends MergingBlock {

  /** The units that run as one, planned on first use; null until then or when there is none. */
  private SiblingUnits siblings;

  private boolean planned;

  private static final Function<List<NDList>, NDList> CONCAT =
      outs ->
          new NDList(
              NDArrays.concat(
                  new NDList(outs.stream().map(NDList::singletonOrThrow).toArray(NDArray[]::new)),
                  1));

  public Branches() {
    super(CONCAT);
  }

  /**
   * The concatenation's shape from the branches' shapes alone (the generic {@link ParallelBlock}
   * runs its merge on zero tensors to learn it): channels add up, the rest must agree.
   */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long channels = 0;
    Shape first = null;
    for (Pair<String, Block> branch : getChildren()) {
      Shape s = branch.getValue().getOutputShapes(inputShapes)[0];
      if (first != null && (s.get(2) != first.get(2) || s.get(3) != first.get(3))) {
        throw new IllegalArgumentException(
            "branch " + branch.getKey() + " outputs " + s + " but another outputs " + first);
      }
      first = first == null ? s : first;
      channels += s.get(1);
    }
    return new Shape[] {new Shape(first.get(0), channels, first.get(2), first.get(3))};
  }

  /** Adds a branch under a name such as {@code 3x3} or {@code pool}. */
  public synchronized Branches branch(String name, Block block) {
    addChildBlock(name, block);
    planned = false;
    return this;
  }

  @Override
  protected List<NDList> forwardChildren(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    SiblingUnits units = siblings();
    if (units == null) return super.forwardChildren(ps, inputs, training, params);
    NDList shares = units.forward(ps, inputs.singletonOrThrow(), training);
    List<NDList> outs = new ArrayList<>();
    for (Block b : getChildren().values()) {
      int i = indexOf(units, lead(b));
      if (i < 0) {
        outs.add(b.forward(ps, inputs, training, params));
      } else if (b instanceof ConvUnit) {
        outs.add(new NDList(shares.get(i)));
      } else {
        NDList share = new NDList(shares.get(i));
        NDList out = ((Chain) b).forwardFrom(1, ps, share, training, params);
        Release.consumed(share, out);
        outs.add(out);
      }
    }
    return outs;
  }

  /** The units that run as one, or null when fewer than two branches open with alike units. */
  synchronized SiblingUnits siblings() {
    if (!planned) {
      siblings = plan();
      planned = true;
    }
    return siblings;
  }

  /** The first group of two or more alike units that open branches, in branch order. */
  private SiblingUnits plan() {
    List<List<ConvUnit>> groups = new ArrayList<>();
    for (Block b : getChildren().values()) {
      ConvUnit u = lead(b);
      if (u == null) continue;
      groups.stream()
          .filter(g -> g.get(0).sameLayer(u))
          .findFirst()
          .ifPresentOrElse(g -> g.add(u), () -> groups.add(new ArrayList<>(List.of(u))));
    }
    return groups.stream()
        .filter(g -> g.size() >= 2)
        .findFirst()
        .map(SiblingUnits::new)
        .orElse(null);
  }

  /**
   * The unit a branch opens with: the branch itself, or the first block of a plain {@link Chain}
   * (not a subclass, whose forward pass is its own); else null.
   */
  private static ConvUnit lead(Block b) {
    Block first = b;
    if (b.getClass() == Chain.class) {
      var blocks = b.getChildren().values();
      if (blocks.isEmpty()) return null;
      first = blocks.get(0);
    }
    return first instanceof ConvUnit u ? u : null;
  }

  private static int indexOf(SiblingUnits units, ConvUnit u) {
    List<ConvUnit> list = units.units();
    for (int i = 0; i < list.size(); i++) if (list.get(i) == u) return i;
    return -1;
  }
}
