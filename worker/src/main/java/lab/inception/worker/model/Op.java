package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * A parameter-free layer (pool, ReLU, LRN, flatten) that knows its output shape from its input
 * shape. DJL's {@code LambdaBlock} learns shapes by running on zero tensors, which made cost
 * analysis of a large network spend seconds in allocations; an {@code Op} computes them.
 */
public final class Op extends AbstractBlock {
  private final String kind;
  private final OpSpec spec;
  private final UnaryOperator<NDArray> fn;
  private final UnaryOperator<Shape> shape;

  /**
   * @param kind what the layer is ({@code maxpool}, {@code relu}, …): tables and graphs show it
   * @param fn the computation
   * @param shape the output shape for an input shape (batch dimension included)
   */
  public Op(String kind, UnaryOperator<NDArray> fn, UnaryOperator<Shape> shape) {
    this(kind, null, fn, shape);
  }

  /**
   * @param spec what {@code fn} computes, as data (the ONNX export writes it)
   * @param fn the computation
   * @param shape the output shape for an input shape (batch dimension included)
   */
  public Op(OpSpec spec, UnaryOperator<NDArray> fn, UnaryOperator<Shape> shape) {
    this(spec.kind(), spec, fn, shape);
  }

  private Op(String kind, OpSpec spec, UnaryOperator<NDArray> fn, UnaryOperator<Shape> shape) {
    this.kind = kind;
    this.spec = spec;
    this.fn = fn;
    this.shape = shape;
  }

  public String kind() {
    return kind;
  }

  /** What the layer computes, as data; null for an ad-hoc layer built from a kind alone. */
  public OpSpec spec() {
    return spec;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(fn.apply(inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {shape.apply(inputShapes[0])};
  }

  @Override
  public String toString() {
    return kind + "()";
  }
}
