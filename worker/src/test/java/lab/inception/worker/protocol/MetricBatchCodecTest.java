package lab.inception.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricBatchCodecTest {

  @Test
  @DisplayName("a batch crosses the wire unchanged, after bytes already in the buffer")
  void roundTrip() {
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      points.add(
          new MetricPoint(
              "s1-t00" + (i % 3),
              i % 2 == 0 ? "train_loss" : "väl_€",
              1L << 40 | i,
              i / 10,
              i == 7 ? Double.NaN : i * 0.1,
              1 + i % 2,
              1764169200123L + i));
    }
    MetricBatch batch = new MetricBatch("worker-ü", points);
    MetricBatchCodec codec = new MetricBatchCodec();
    Buffer wire = Buffer.buffer().appendString("header");
    codec.encodeToWire(wire, batch);
    wire.appendString("trailer");
    assertThat(codec.decodeFromWire(6, wire)).isEqualTo(batch);
    assertThat(codec.decodeFromWire(6, wire).points().get(7).value()).isNaN();
    assertThat(wire.getInt(6)).isEqualTo(wire.length() - 6 - 4 - "trailer".length());
  }

  @Test
  @DisplayName("an empty batch and a second registration on one event bus are fine")
  void emptyAndRegisterTwice() {
    MetricBatchCodec codec = new MetricBatchCodec();
    Buffer wire = Buffer.buffer();
    MetricBatch empty = new MetricBatch("w", List.of());
    codec.encodeToWire(wire, empty);
    assertThat(codec.decodeFromWire(0, wire)).isEqualTo(empty);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      MetricBatchCodec.register(vertx.eventBus());
      MetricBatchCodec.register(vertx.eventBus());
    } finally {
      vertx.close();
    }
  }
}
