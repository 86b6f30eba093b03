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
    return forwardFrom(0, ps, inputs, training, params);
  }

  /**
   * The blocks from index {@code first} on, on {@code inputs} (what block {@code first − 1} gave):
   * how {@link Branches} continues a branch whose first unit ran with its siblings'.
   */
  NDList forwardFrom(
      int first,
      ParameterStore ps,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDList current = inputs;
    var blocks = getChildren().values();
    for (Block b : blocks.subList(first, blocks.size())) {
      NDList next = b.forward(ps, current, training, params);
      if (current != inputs) Release.consumed(current, next, inputs);
      current = next;
    }
    return current;
  }
}
