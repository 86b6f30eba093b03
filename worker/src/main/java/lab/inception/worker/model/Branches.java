package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.util.Pair;
import java.util.List;
import java.util.function.Function;

/**
 * An inception module: named branches that all read the same input and whose outputs are
 * concatenated along the channel axis (Szegedy et al. 2014, Figure 2).
 */
public final class Branches extends MergingBlock {

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
  public Branches branch(String name, Block block) {
    addChildBlock(name, block);
    return this;
  }
}
