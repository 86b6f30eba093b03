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
    try (NDArray c = x.getManager().full(new Shape(), v, constantType(x))) {
      return op.apply(x, c);
    }
  }

  /**
   * The constant's type: the array's own, except for bfloat16 (which DJL 0.36 reports as {@code
   * UNKNOWN} and cannot create), where an fp32 constant does: a 0-dimensional operand does not
   * change the result's type.
   */
  private static DataType constantType(NDArray x) {
    DataType t = x.getDataType();
    return t == DataType.UNKNOWN || t == DataType.BFLOAT16 ? DataType.FLOAT32 : t;
  }
}
