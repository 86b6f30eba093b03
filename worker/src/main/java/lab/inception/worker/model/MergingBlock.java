package lab.inception.worker.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link ParallelBlock} (every child reads the same input, a function merges their outputs) that
 * releases the children's outputs once merged.
 */
public abstract class MergingBlock extends ParallelBlock {

  private final Function<List<NDList>, NDList> merge;

  protected MergingBlock(Function<List<NDList>, NDList> merge) {
    super(merge);
    this.merge = merge;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    List<NDList> outs = forwardChildren(ps, inputs, training, params);
    NDList merged = merge.apply(outs);
    for (NDList o : outs) Release.consumed(o, merged, inputs);
    return merged;
  }

  /** Every child's output on {@code inputs}, in order. */
  protected List<NDList> forwardChildren(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    List<NDList> outs = new ArrayList<>();
    for (Block b : getChildren().values()) outs.add(b.forward(ps, inputs, training, params));
    return outs;
  }
}
