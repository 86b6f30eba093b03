package lab.inception.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lab.inception.worker.train.TrialResult;
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
  @DisplayName(
      "other lines are typed messages that read back equal; junk, unknown types and nameless metrics are not")
  void messagesAndJunk() {
    List<TrialMessage> all =
        List.of(
            new TrialMessage.Started(653018, 74733440, 2, 3, 1263),
            new TrialMessage.Epoch(2, 842, Map.of(Metric.VAL_ACCURACY, 0.8, Metric.VAL_LOSS, 0.5)),
            new TrialMessage.Epoch(3, 1263, Map.of()),
            new TrialMessage.Checkpoint(2, "/ckpt/epoch-0002"),
            new TrialMessage.Result(
                new TrialResult(0.7, 0.99, 0.72, 0.71, 12.5, 130.0, 653018, 74733440, 3, false)),
            new TrialMessage.Failure(FailureKind.DIVERGED, "loss is NaN"),
            new TrialMessage.Exited(137, "exit status 137 (signal 9)", "a\nb"));
    for (TrialMessage m : all) {
      TrialOutput.Line l = TrialOutput.parse(TrialOutput.message(m));
      assertThat(l).isInstanceOf(TrialOutput.Message.class);
      assertThat(((TrialOutput.Message) l).message()).isEqualTo(m);
    }
    // a field order other than ours, and extra fields, still read
    TrialOutput.Line late = TrialOutput.parse("{\"epoch\":2,\"type\":\"checkpoint\",\"x\":1}");
    assertThat(((TrialOutput.Message) late).message())
        .isEqualTo(new TrialMessage.Checkpoint(2, null));
    for (String junk :
        new String[] {
          "{\"type\":\"epoch\"}",
          "{\"type\":\"error\",\"message\":\"old protocol\"}",
          "{\"type\":\"failure\",\"kind\":\"meltdown\"}",
          "{\"type\":\"epoch\",\"epoch\":1,\"metrics\":{\"val_acc\":0.5}}",
        }) {
      assertThat(TrialOutput.parse(junk)).as(junk).isNull();
    }
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
