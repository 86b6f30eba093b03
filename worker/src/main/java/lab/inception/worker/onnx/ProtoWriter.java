package lab.inception.worker.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protocol-buffer wire format, the few parts ONNX needs: varints (wire type 0), 32-bit values
 * (wire type 5) and length-delimited fields (wire type 2: strings, bytes, nested messages, packed
 * repeated scalars), as described in protobuf's "Encoding" guide. Fields are written in the order
 * they are called; a nested message is written whole, then copied in with its length, or, for a
 * large payload, only its tag and length are written ({@link #lengthPrefix}) and the payload after.
 */
final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** An int32/int64/enum/bool field. Negative values take ten bytes, as protobuf's int64. */
  ProtoWriter varint(int field, long value) {
    tag(field, VARINT);
    rawVarint(value);
    return this;
  }

  /** A float field. */
  ProtoWriter float32(int field, float value) {
    tag(field, FIXED32);
    int bits = Float.floatToIntBits(value);
    for (int i = 0; i < 4; i++) out.write(bits >>> (8 * i));
    return this;
  }

  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    rawVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.toByteArray());
  }

  /** A packed repeated int64 field (proto3's default for repeated scalars; proto2 parses it). */
  ProtoWriter packedVarints(int field, long[] values) {
    ProtoWriter body = new ProtoWriter();
    for (long v : values) body.rawVarint(v);
    return bytes(field, body.toByteArray());
  }

  /**
   * The tag and length of a length-delimited field whose {@code length} bytes the caller writes
   * after this writer's bytes (so a large payload is never copied into a nested message).
   */
  ProtoWriter lengthPrefix(int field, long length) {
    tag(field, LENGTH_DELIMITED);
    rawVarint(length);
    return this;
  }

  /** Appends another writer's bytes. */
  ProtoWriter appendAll(ProtoWriter other) {
    out.writeBytes(other.toByteArray());
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
