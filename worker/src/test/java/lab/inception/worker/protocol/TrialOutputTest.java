package lab.inception.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrialOutputTest {

  @Test
  @DisplayName("a metric line is JSON and reads back exactly, odd names and values included")
  void metricRoundTrip() {
    double[] values = {0.53, 1.0 / 3, 1e-7, -2.5e300, 0.0, 123456789.0, Double.MIN_VALUE};
    for (double v : values) {
      String line = TrialOutput.metric("lo\"ss\n€", 120, 3, v, 1764169200123L);
      JsonObject j = new JsonObject(line);
      assertThat(j.getString("type")).isEqualTo("metric");
      assertThat(j.getDouble("value")).isEqualTo(v);
      TrialOutput.Metric m = (TrialOutput.Metric) TrialOutput.parse(line);
      assertThat(m).isEqualTo(new TrialOutput.Metric("lo\"ss\n€", 120, 3, v, 1764169200123L));
    }
  }

  @Test
  @DisplayName("NaN and infinities are written as null and read back as NaN")
  void nonFinite() {
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      String line = TrialOutput.metric("train_loss", 1, 1, v, 5);
      assertThat(new JsonObject(line).getValue("value")).isNull();
      assertThat(((TrialOutput.Metric) TrialOutput.parse(line)).value()).isNaN();
    }
  }

  @Test
  @DisplayName("metric lines in another field order, with an ISO time or none, still read")
  void otherForms() {
    long t = Instant.parse("2026-11-26T15:00:00.250Z").toEpochMilli();
    TrialOutput.Line l =
        TrialOutput.parse(
            "{\"value\":2,\"extra\":{\"a\":[1]},\"name\":\"lr\",\"type\":\"metric\",\"step\":7,"
                + "\"epoch\":2,\"time\":\"2026-11-26T15:00:00.250Z\"}");
    assertThat(l).isEqualTo(new TrialOutput.Metric("lr", 7, 2, 2.0, t));
    long before = System.currentTimeMillis();
    TrialOutput.Metric m =
        (TrialOutput.Metric)
            TrialOutput.parse("{\"type\":\"metric\",\"name\":\"lr\",\"step\":1,\"value\":1}");
    assertThat(m.time()).isBetween(before, System.currentTimeMillis());
  }

  @Test
  @DisplayName("other lines are events with their whole object; junk and nameless metrics are not")
  void eventsAndJunk() {
    TrialOutput.Line l = TrialOutput.parse("{\"type\":\"epoch\",\"epoch\":2,\"x\":{\"y\":[1,2]}}");
    assertThat(l).isInstanceOf(TrialOutput.Event.class);
    TrialOutput.Event e = (TrialOutput.Event) l;
    assertThat(e.type()).isEqualTo("epoch");
    assertThat(e.data().getJsonObject("x").getJsonArray("y")).hasSize(2);
    TrialOutput.Line late = TrialOutput.parse("{\"epoch\":2,\"type\":\"checkpoint\"}");
    assertThat(((TrialOutput.Event) late).type()).isEqualTo("checkpoint");
    for (String junk :
        new String[] {
          "",
          "Downloading...",
          "[1,2]",
          "{\"type\":3}",
          "{\"type\":\"metric\",\"step\":1,\"value\":1}",
          "{\"type\":\"metric\",\"name\":\"lr\"",
          "{\"type\":\"metric\",\"name\":\"lr\"} trailing",
          "{\"no\":\"type\"}"
        }) {
      assertThat(TrialOutput.parse(junk)).as(junk).isNull();
    }
  }
}
