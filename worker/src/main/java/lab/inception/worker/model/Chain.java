package lab.inception.worker.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A {@link SequentialBlock} that releases each intermediate result once the next layer ran. */
public class Chain extends SequentialBlock {

  /** The blocks in order. */
  public static Chain of(Block... blocks) {
    Chain c = new Chain();
    c.addAll(blocks);
    return c;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList current = inputs;
    for (Block b : getChildren().values()) {
      NDList next = b.forward(ps, current, training, params);
      if (current != inputs) Release.consumed(current, next, inputs);
      current = next;
    }
    return current;
  }
}
