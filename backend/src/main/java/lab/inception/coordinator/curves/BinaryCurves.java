package lab.inception.coordinator.curves;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The curves endpoint's binary answers: the JSON answer's fields in a fraction of its bytes. {@code
 * format=binary} sends each value as a float32, the precision the JSON answer's 7 significant
 * digits carry (about 0.55 of the JSON's gzipped bytes). {@code format=binary16} quantises each
 * curve's values to 16 bits over the curve's own range: a step of at most 1/65,535 of that range
 * (linear), or of its range in log space when every value is positive, finer than any chart draws
 * but visible in a value's 5th or 6th significant digit; about a third of the JSON's gzipped bytes.
 * Both send every step, and each curve's smallest and largest value, exactly.
 *
 * <p>Layout, little-endian (docs/api.md has the same table):
 *
 * <pre>
 * "ILC1"                                 magic and version
 * u16 n, n bytes                         the metric's name, UTF-8
 * u32 points, u8 hasSince, i64 since     the query
 * u32 trials, then per trial:
 *   u16 n, n bytes                       the trial's id, UTF-8
 *   u32 kept, u32 count                  points sent; points the curve stands for
 *   u8 flags                             1 downsampled, 2 lastStep present, 4 log-quantised,
 *                                        8 float32 values
 *   i64 lastStep
 *   f64 lo, f64 hi                       the curve's smallest and largest value
 *   kept steps                           each as its difference to the previous (the first to 0),
 *                                        zig-zag LEB128
 *   float32 values: kept bytes 31–24 of each, then bytes 23–16, 15–8 and 7–0
 *   16-bit codes q: kept high bytes, then kept low bytes;
 *     q = 0 is lo, q = 65535 is hi, otherwise lo + q/65535·(hi − lo),
 *     or exp(ln lo + q/65535·(ln hi − ln lo)) when log-quantised
 * </pre>
 *
 * Splitting the values into byte planes lets gzip find what the values share (their sign and
 * exponent bytes).
 */
public final class BinaryCurves {

  /** The answer's media type. */
  public static final String MEDIA_TYPE = "application/x-inception-curves";

  static final byte[] MAGIC = "ILC1".getBytes(StandardCharsets.US_ASCII);
  static final int DOWNSAMPLED = 1;
  static final int HAS_LAST_STEP = 2;
  static final int LOG = 4;
  static final int FLOAT32 = 8;
  static final int LEVELS = 65_535;

  private BinaryCurves() {}

  /** How the values are sent. */
  public enum Values {
    /** float32, the JSON answer's precision. */
    FLOAT32,
    /** 16-bit codes over each curve's range. */
    QUANTISED
  }

  /** The binary answer for {@code curves} of {@code metric}. */
  public static byte[] encode(
      String metric, long points, Long since, List<Curve> curves, Values values) {
    byte[] name = metric.getBytes(StandardCharsets.UTF_8);
    byte[][] ids = new byte[curves.size()][];
    long size = 4 + 2 + name.length + 4 + 1 + 8 + 4;
    for (int i = 0; i < ids.length; i++) {
      Curve c = curves.get(i);
      ids[i] = c.trial().getBytes(StandardCharsets.UTF_8);
      // a step's varint takes at most 10 bytes, a value at most 4
      size += 2 + ids[i].length + 4 + 4 + 1 + 8 + 16 + c.steps().length * 14L;
    }
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC);
    shortString(b, name);
    b.putInt((int) points).put((byte) (since == null ? 0 : 1)).putLong(since == null ? 0 : since);
    b.putInt(curves.size());
    for (int i = 0; i < ids.length; i++) curve(b, ids[i], curves.get(i), values == Values.FLOAT32);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static void curve(ByteBuffer b, byte[] id, Curve c, boolean float32) {
    shortString(b, id);
    double[] v = c.values();
    int n = v.length;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    if (n == 0) lo = hi = 0;
    boolean log = !float32 && lo > 0 && hi > lo;
    b.putInt(n).putInt(c.count());
    int flags =
        (c.downsampled() ? DOWNSAMPLED : 0)
            | (c.lastStep() != null ? HAS_LAST_STEP : 0)
            | (log ? LOG : 0)
            | (float32 ? FLOAT32 : 0);
    b.put((byte) flags).putLong(c.lastStep() == null ? 0 : c.lastStep());
    b.putDouble(lo).putDouble(hi);
    long previous = 0;
    for (long step : c.steps()) {
      long d = step - previous;
      previous = step;
      varint(b, (d << 1) ^ (d >> 63));
    }
    int at = b.position();
    if (float32) {
      for (int i = 0; i < n; i++) {
        int bits = Float.floatToRawIntBits((float) v[i]);
        for (int plane = 0; plane < 4; plane++) {
          b.put(at + plane * n + i, (byte) (bits >>> (24 - 8 * plane)));
        }
      }
      b.position(at + 4 * n);
      return;
    }
    double base = log ? Math.log(lo) : lo;
    double span = (log ? Math.log(hi) : hi) - base;
    for (int i = 0; i < n; i++) {
      int q = code(log ? Math.log(v[i]) : v[i], base, span, v[i] == lo, v[i] == hi);
      b.put(at + i, (byte) (q >>> 8));
      b.put(at + n + i, (byte) q);
    }
    b.position(at + 2 * n);
  }

  /** The 16-bit code of {@code x} on [base, base + span]; the extremes get the end codes. */
  static int code(double x, double base, double span, boolean isLo, boolean isHi) {
    if (isLo || span == 0) return 0;
    if (isHi) return LEVELS;
    long q = Math.round((x - base) / span * LEVELS);
    // an inner value never takes an end code: those mean lo and hi exactly
    return (int) Math.max(1, Math.min(LEVELS - 1, q));
  }

  private static void shortString(ByteBuffer b, byte[] s) {
    if (s.length > 0xFFFF) throw new IllegalArgumentException("name over 65,535 bytes");
    b.putShort((short) s.length).put(s);
  }

  private static void varint(ByteBuffer b, long v) {
    while ((v & ~0x7FL) != 0) {
      b.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    b.put((byte) v);
  }
}
