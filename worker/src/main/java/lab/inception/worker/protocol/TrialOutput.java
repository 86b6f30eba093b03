package lab.inception.worker.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What a trial process prints on stdout, one JSON object per line, and how its worker reads it
 * back. Metric lines are the many ones: they are written and read without building a JSON tree
 * ({@code {"type":"metric","name":"train_loss","step":120,"epoch":1,"value":0.53,"time":
 * 1764169200123}}, time in epoch milliseconds, names from {@link
 * lab.inception.worker.protocol.Metric}); every other line is a {@link TrialMessage}.
 */
public final class TrialOutput {

  /** A line of the protocol. */
  public sealed interface Line permits Metric, Message {}

  /** A metric line; {@code value} is NaN where the line said null. */
  public record Metric(String name, long step, int epoch, double value, long time)
      implements Line {}

  /** Any other line of the protocol. */
  public record Message(TrialMessage message) implements Line {}

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private TrialOutput() {}

  /** The line of a metric point. */
  public static String metric(String name, long step, int epoch, double value, long timeMs) {
    StringBuilder b = new StringBuilder(120).append("{\"type\":\"metric\",\"name\":");
    JsonText.string(b, name).append(",\"step\":").append(step);
    b.append(",\"epoch\":").append(epoch).append(",\"value\":");
    return JsonText.number(b, value).append(",\"time\":").append(timeMs).append('}').toString();
  }

  /** The line of a message. */
  public static String message(TrialMessage m) {
    return m.toJson().encode();
  }

  /**
   * Reads one line: a {@link Metric}, a {@link Message}, or null for a line that is not the
   * protocol's (a library printing on stdout, an unknown type, a malformed message) or a metric
   * line without a name.
   */
  public static Line parse(String line) {
    String type = null;
    String name = null;
    long step = 0;
    int epoch = 0;
    double value = Double.NaN;
    long time = Long.MIN_VALUE;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
          p.skipChildren(); // no field a metric needs is nested
          continue;
        }
        switch (field) {
          case "type" -> {
            type = v == JsonToken.VALUE_STRING ? p.getText() : null;
            if (!"metric".equals(type)) return event(line);
          }
          case "name" -> name = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "step" -> step = v.isNumeric() ? p.getValueAsLong() : 0;
          case "epoch" -> epoch = v.isNumeric() ? p.getValueAsInt() : 0;
          case "value" -> value = v.isNumeric() ? p.getValueAsDouble() : Double.NaN;
          case "time" -> time = time(p, v);
          default -> {}
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) return null;
    } catch (IOException e) {
      return null;
    }
    // a type other than "metric" returned above, as an event
    if (type == null || name == null) return null;
    return new Metric(name, step, epoch, value, time == Long.MIN_VALUE ? now() : time);
  }

  private static long time(JsonParser p, JsonToken v) throws IOException {
    if (v.isNumeric()) return p.getValueAsLong();
    if (v == JsonToken.VALUE_STRING) {
      try {
        return Instant.parse(p.getText()).toEpochMilli();
      } catch (DateTimeParseException e) {
        return now();
      }
    }
    return now();
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private static Line event(String line) {
    try {
      return new Message(TrialMessage.fromJson(new JsonObject(line)));
    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
      return null;
    }
  }
}
