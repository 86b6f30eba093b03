package lab.inception.coordinator.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The format of a packed curve ({@code curve_packs.points}), a pure function both ways: a curve's
 * finite points in step order as one blob: the count (4 bytes), the values (8 bytes each, exactly
 * as stored), then the steps as unsigned varints of their differences (the first from 0,
 * zigzag-encoded, so a curve of consecutive steps spends one byte a step). Little-endian.
 */
final class CurvePack {

  private CurvePack() {}

  /** The first {@code n} points, steps ascending. */
  static byte[] encode(long[] steps, double[] values, int n) {
    ByteBuffer b = ByteBuffer.allocate(4 + 8 * n + 10 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(n);
    for (int i = 0; i < n; i++) b.putDouble(values[i]);
    long previous = 0;
    for (int i = 0; i < n; i++) {
      long d = steps[i] - previous;
      if (i > 0 && d <= 0) throw new IllegalArgumentException("steps must ascend");
      varint(b, i == 0 ? (d << 1) ^ (d >> 63) : d);
      previous = steps[i];
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  /** Where decoded points go: called once per point with a step above {@code since}, in order. */
  interface Sink {
    void add(long step, double value);
  }

  /**
   * Feeds the packed points with step above {@code since} to {@code sink}; returns how many it fed.
   *
   * @throws IllegalArgumentException for a blob this format did not write
   */
  static int decode(byte[] blob, long since, Sink sink) {
    if (blob.length < 4) throw new IllegalArgumentException("a packed curve ends inside a step");
    ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    int n = b.getInt(0);
    if (n < 0 || 4L + 8L * n + n > blob.length)
      throw new IllegalArgumentException("a packed curve of " + blob.length + " bytes holds " + n);
    // the steps read straight from the array: a ByteBuffer call per byte costs several times more
    int at = 4 + 8 * n;
    long step = 0;
    int fed = 0;
    for (int i = 0; i < n; i++) {
      long d = 0;
      for (int shift = 0; ; shift += 7) {
        if (at == blob.length)
          throw new IllegalArgumentException("a packed curve ends inside a step");
        if (shift > 63)
          throw new IllegalArgumentException("a packed curve has a step longer than 10 bytes");
        byte x = blob[at++];
        d |= (long) (x & 0x7F) << shift;
        if (x >= 0) break;
      }
      step += i == 0 ? (d >>> 1) ^ -(d & 1) : d;
      if (step > since) {
        sink.add(step, b.getDouble(4 + 8 * i));
        fed++;
      }
    }
    if (at != blob.length)
      throw new IllegalArgumentException("a packed curve has bytes after its last step");
    return fed;
  }

  private static void varint(ByteBuffer b, long v) {
    while ((v & ~0x7FL) != 0) {
      b.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    b.put((byte) v);
  }
}
