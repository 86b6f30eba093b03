package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import java.util.List;
import java.util.function.Function;

/**
 * An inception module: named branches that all read the same input and whose outputs are
 * concatenated along the channel axis (Szegedy et al. 2014, Figure 2).
 */
public final class Branches extends ParallelBlock {

  private static final Function<List<NDList>, NDList> CONCAT =
      outs ->
          new NDList(
              NDArrays.concat(
                  new NDList(outs.stream().map(NDList::singletonOrThrow).toArray(NDArray[]::new)),
                  1));

  public Branches() {
    super(CONCAT);
  }

  /** Adds a branch under a name such as {@code 3x3} or {@code pool}. */
  public Branches branch(String name, Block block) {
    addChildBlock(name, block);
    return this;
  }
}
