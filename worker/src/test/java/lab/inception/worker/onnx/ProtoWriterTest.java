package lab.inception.worker.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The wire format against the examples of protobuf's "Encoding" guide, worked by hand. */
class ProtoWriterTest {

  private static int[] bytes(ProtoWriter w) {
    byte[] b = w.toByteArray();
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xff;
    return out;
  }

  @Test
  @DisplayName("varints: field 1 = 150 is 08 96 01; a negative int64 takes ten bytes")
  void varints() {
    assertThat(bytes(new ProtoWriter().varint(1, 150))).containsExactly(0x08, 0x96, 0x01);
    assertThat(bytes(new ProtoWriter().varint(2, -1)))
        .containsExactly(0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
  }

  @Test
  @DisplayName("strings, nested messages and packed ints are length-delimited (wire type 2)")
  void lengthDelimited() {
    assertThat(bytes(new ProtoWriter().string(2, "testing")))
        .containsExactly(0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g');
    assertThat(bytes(new ProtoWriter().message(3, new ProtoWriter().varint(1, 150))))
        .containsExactly(0x1a, 0x03, 0x08, 0x96, 0x01);
    assertThat(bytes(new ProtoWriter().packedVarints(4, new long[] {3, 270, 86942})))
        .containsExactly(0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05);
    ProtoWriter payload = new ProtoWriter().varint(1, 150);
    assertThat(bytes(new ProtoWriter().lengthPrefix(3, payload.size()).appendAll(payload)))
        .containsExactly(bytes(new ProtoWriter().message(3, payload)));
  }

  @Test
  @DisplayName("a float is wire type 5, four little-endian bytes: field 2 = 1.0f is 15 00 00 80 3f")
  void fixed32() {
    assertThat(bytes(new ProtoWriter().float32(2, 1.0f)))
        .containsExactly(0x15, 0x00, 0x00, 0x80, 0x3f);
  }
}
