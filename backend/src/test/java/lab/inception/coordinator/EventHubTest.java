package lab.inception.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import lab.inception.worker.protocol.MetricPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventHubTest {

  @Test
  @DisplayName(
      "batches are valid JSON, per sweep and for all, with strings escaped and NaN as null")
  void batches() {
    EventHub hub = new EventHub(100, 1000);
    long t = Instant.parse("2026-11-26T15:00:00.05Z").toEpochMilli();
    hub.metrics(
        "s1",
        List.of(
            new MetricPoint("s1-t000", "we\"ird\n", 3, 1, 0.5, 2, t),
            new MetricPoint("s1-t001", "lr", 3, 1, 1e-5, 1, t + 1000)));
    hub.metrics("s2", List.of(new MetricPoint("s2-t000", "val_loss", 4, 1, Double.NaN, 1, t)));
    hub.trial("s1-t000", "s1", "running", 2);
    hub.sweep("s2", "paused");
    EventHub.Batch b = hub.flush();
    assertThat(b.id()).isEqualTo(100);
    JsonObject all = new JsonObject(b.all());
    assertThat(all.getJsonArray("metrics")).hasSize(3);
    JsonObject p = all.getJsonArray("metrics").getJsonObject(0);
    assertThat(p.getString("trial")).isEqualTo("s1-t000");
    assertThat(p.getString("name")).isEqualTo("we\"ird\n");
    assertThat(p.getString("sweep")).isEqualTo("s1");
    assertThat(p.getLong("step")).isEqualTo(3);
    assertThat(p.getInteger("epoch")).isEqualTo(1);
    assertThat(p.getDouble("value")).isEqualTo(0.5);
    assertThat(p.getInteger("attempt")).isEqualTo(2);
    assertThat(p.getString("time")).isEqualTo("2026-11-26T15:00:00.050Z");
    JsonObject q = all.getJsonArray("metrics").getJsonObject(1);
    assertThat(q.getString("trial")).isEqualTo("s1-t001");
    assertThat(q.getDouble("value")).isEqualTo(1e-5);
    assertThat(q.getString("time")).isEqualTo("2026-11-26T15:00:01.050Z");
    assertThat(all.getJsonArray("metrics").getJsonObject(2).getValue("value")).isNull();
    JsonObject s1 = new JsonObject(b.bySweep().get("s1"));
    assertThat(s1.getJsonArray("metrics")).hasSize(2);
    assertThat(s1.getJsonArray("trials").getJsonObject(0).getString("state")).isEqualTo("running");
    assertThat(s1.getJsonArray("sweeps")).isEmpty();
    assertThat(
            new JsonObject(b.bySweep().get("s2"))
                .getJsonArray("sweeps")
                .getJsonObject(0)
                .getString("state"))
        .isEqualTo("paused");
    assertThat(hub.flush()).isNull();
  }

  @Test
  @DisplayName(
      "a reconnecting client gets the batches after its Last-Event-ID, or null once they are gone")
  void since() {
    EventHub hub = new EventHub(1, 3);
    for (int i = 0; i < 5; i++) {
      hub.sweep("s", "running");
      hub.flush();
    }
    assertThat(hub.since(3)).extracting(EventHub.Batch::id).containsExactly(4L, 5L);
    assertThat(hub.since(5)).isEmpty();
    assertThat(hub.since(1)).isNull();
  }
}
