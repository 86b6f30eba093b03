package lab.inception.worker.cost;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBaseBlock;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Gives a block's parameters their shapes for an input shape without allocating them: DJL's own
 * {@code beforeInitialize} and {@code prepare} (what {@code Block.initialize} runs before it fills
 * the arrays), so the counts are the trained network's. A network at any width costs its shape
 * arithmetic only, never its tensors.
 */
final class ParameterShapes {

  private static final Method BEFORE_INITIALIZE = method("beforeInitialize", Shape[].class);
  private static final Method PREPARE = method("prepare", Shape[].class);

  private ParameterShapes() {}

  /** Sets the shapes of {@code block}'s parameters (and its children's) for input {@code in}. */
  static void prepare(Block block, Shape in) {
    if (block.isInitialized() || !hasUnshaped(block)) return;
    if (block instanceof SequentialBlock seq) {
      Shape x = in;
      for (Pair<String, Block> child : seq.getChildren()) {
        prepare(child.getValue(), x);
        x = child.getValue().getOutputShapes(new Shape[] {x})[0];
      }
    } else if (block instanceof ParallelBlock par) {
      for (Pair<String, Block> child : par.getChildren()) prepare(child.getValue(), in);
    } else if (block.getChildren().isEmpty() && block instanceof AbstractBaseBlock) {
      Shape[] shapes = {in};
      invoke(BEFORE_INITIALIZE, block, shapes);
      invoke(PREPARE, block, shapes);
    } else {
      throw new IllegalStateException(
          "cannot shape the parameters of " + block.getClass().getName());
    }
  }

  private static boolean hasUnshaped(Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().getShape() == null) return true;
    }
    return false;
  }

  private static void invoke(Method m, Block block, Shape[] shapes) {
    try {
      m.invoke(block, (Object) shapes);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Method method(String name, Class<?>... types) {
    try {
      Method m = AbstractBaseBlock.class.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
