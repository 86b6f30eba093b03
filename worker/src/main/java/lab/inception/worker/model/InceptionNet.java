package lab.inception.worker.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole network of the zoo: a trunk of named stages (stem layers and inception modules), a
 * classifier head, and auxiliary classifiers tapped after named stages. The auxiliary heads run
 * only in training: {@code forward(training = true)} returns (main, aux1, aux2, …), inference
 * returns (main) alone — GoogLeNet's "at inference time, these auxiliary networks are discarded".
 */
public final class InceptionNet extends AbstractBlock {
  private final NamedSequential trunk;
  private final Block head;
  private final Map<String, Block> auxByTap = new LinkedHashMap<>();

  public InceptionNet(NamedSequential trunk, Block head) {
    this.trunk = addChildBlock("trunk", trunk);
    this.head = addChildBlock("head", head);
  }

  /** Attaches an auxiliary classifier to the output of the trunk stage named {@code tap}. */
  public InceptionNet aux(String tap, Block auxHead) {
    boolean found =
        trunk.getChildren().keys().stream()
            .anyMatch(k -> NamedSequential.displayName(k).equals(tap));
    if (!found) {
      throw new IllegalStateException("no trunk stage named " + tap);
    }
    auxByTap.put(tap, addChildBlock("aux" + (auxByTap.size() + 1), auxHead));
    return this;
  }

  public NamedSequential trunk() {
    return trunk;
  }

  public Block head() {
    return head;
  }

  /** Auxiliary heads by the stage they read. */
  public Map<String, Block> auxHeads() {
    return auxByTap;
  }

  /**
   * The final linear layer of the main head and of every auxiliary head: the layers that produce
   * logits, which training initialises small so that the first losses sit near ln(classes).
   */
  public List<Block> classifiers() {
    List<Block> out = new ArrayList<>();
    addLastLinear(head, out);
    for (Block aux : auxByTap.values()) addLastLinear(aux, out);
    return out;
  }

  private static void addLastLinear(Block block, List<Block> out) {
    Block last = null;
    ArrayDeque<Block> todo = new ArrayDeque<>(List.of(block));
    while (!todo.isEmpty()) {
      Block b = todo.poll();
      if (b instanceof ai.djl.nn.core.Linear) last = b;
      b.getChildren().values().forEach(todo::add);
    }
    if (last != null) out.add(last);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = inputs;
    List<ai.djl.ndarray.NDArray> aux = new ArrayList<>();
    for (Pair<String, Block> stage : trunk.getChildren()) {
      NDList next = stage.getValue().forward(ps, x, training, params);
      if (x != inputs) Release.consumed(x, next, inputs);
      x = next;
      Block auxHead = auxByTap.get(NamedSequential.displayName(stage.getKey()));
      if (training && auxHead != null) {
        aux.add(auxHead.forward(ps, x, true, params).singletonOrThrow());
      }
    }
    NDList out = head.forward(ps, x, training, params);
    if (x != inputs) Release.consumed(x, out, inputs);
    if (aux.isEmpty()) {
      return out;
    }
    NDList all = new NDList(out);
    all.addAll(aux);
    return all;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return head.getOutputShapes(trunk.getOutputShapes(inputShapes));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    trunk.initialize(manager, dataType, inputShapes);
    Shape[] shapes = inputShapes;
    for (Pair<String, Block> stage : trunk.getChildren()) {
      shapes = stage.getValue().getOutputShapes(shapes);
      Block auxHead = auxByTap.get(NamedSequential.displayName(stage.getKey()));
      if (auxHead != null) {
        auxHead.initialize(manager, dataType, shapes);
      }
    }
    head.initialize(manager, dataType, shapes);
  }
}
