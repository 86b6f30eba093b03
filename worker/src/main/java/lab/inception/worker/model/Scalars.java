package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic with a constant on arrays that take part in autograd. DJL's {@code x.mul(0.3f)} wraps
 * the number in a tensor over a Java direct buffer and closes it at once; autograd keeps that
 * tensor for the backward pass, and once the garbage collector frees the buffer the backward pass
 * reads freed memory (NaN losses, now and then a crash, more often the more the JVM collects). The
 * constants made here are allocated by libtorch, which keeps them alive as long as autograd needs
 * them.
 */
public final class Scalars {

  private Scalars() {}

  /** x · v */
  public static NDArray times(NDArray x, float v) {
    return apply(x, v, NDArray::mul);
  }

  /** x + v */
  public static NDArray plus(NDArray x, float v) {
    return apply(x, v, NDArray::add);
  }

  /** x ^ v */
  public static NDArray power(NDArray x, float v) {
    return apply(x, v, NDArray::pow);
  }

  private static NDArray apply(NDArray x, float v, BinaryOperator<NDArray> op) {
    try (NDArray c = x.getManager().full(new Shape(), v, creatableType(x))) {
      return op.apply(x, c);
    }
  }

  /**
   * The type DJL can create an array of to go with {@code x}: x's own, except bfloat16 (which DJL
   * 0.36 reports as {@code UNKNOWN} and cannot create), where it is fp32. A 0-dimensional fp32
   * operand leaves a bfloat16 result bfloat16; a larger one promotes it to fp32.
   */
  static DataType creatableType(NDArray x) {
    DataType t = x.getDataType();
    return t == DataType.UNKNOWN || t == DataType.BFLOAT16 ? DataType.FLOAT32 : t;
  }
}
