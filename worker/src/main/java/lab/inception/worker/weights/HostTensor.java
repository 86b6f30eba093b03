package lab.inception.worker.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor read from a weights file, still in host memory: its name, element type, shape and
 * little-endian bytes (C order).
 */
public record HostTensor(String name, DType dtype, long[] shape, byte[] data) {

  /** The element types a state_dict of these networks holds. */
  public enum DType {
    F32(4),
    F64(8),
    I64(8),
    I32(4);

    final int bytes;

    DType(int bytes) {
      this.bytes = bytes;
    }
  }

  public HostTensor {
    if ((long) data.length != numel(shape) * dtype.bytes) {
      throw new IllegalArgumentException(
          "tensor " + name + ": " + data.length + " bytes for shape " + Arrays.toString(shape));
    }
  }

  static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) n = Math.multiplyExact(n, d);
    return n;
  }

  public boolean isFloating() {
    return dtype == DType.F32 || dtype == DType.F64;
  }

  /** The values as floats (F64 narrowed). */
  public float[] floats() {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[data.length / dtype.bytes];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (dtype) {
            case F32 -> b.getFloat();
            case F64 -> (float) b.getDouble();
            case I64 -> b.getLong();
            case I32 -> b.getInt();
          };
    }
    return out;
  }

  public String shapeText() {
    return Arrays.toString(shape);
  }
}
