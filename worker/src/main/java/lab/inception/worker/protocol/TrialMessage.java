package lab.inception.worker.protocol;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import lab.inception.worker.train.TrialResult;

/**
 * What a trial process reports besides its metric points, one JSON object per line on stdout
 * ({@link TrialOutput}), and what the worker adds when the process ends ({@link Exited}). The
 * worker forwards them inside a {@link TrialEvent}; the scheduler matches on the type.
 */
public sealed interface TrialMessage
    permits TrialMessage.Started,
        TrialMessage.Epoch,
        TrialMessage.Checkpoint,
        TrialMessage.Result,
        TrialMessage.Failure,
        TrialMessage.Exited {

  /** The line's {@code type}. */
  String type();

  /** The JSON object of the line, {@code type} included. */
  JsonObject toJson();

  /** Training starts: the network's size, where it starts and how far it goes. */
  record Started(long params, long macs, int attempt, int startEpoch, long totalSteps)
      implements TrialMessage {
    public String type() {
      return "started";
    }

    public JsonObject toJson() {
      return head(this)
          .put("params", params)
          .put("macs", macs)
          .put("attempt", attempt)
          .put("startEpoch", startEpoch)
          .put("totalSteps", totalSteps);
    }
  }

  /**
   * An epoch ended; {@code metrics} holds its epoch metrics (validation loss, accuracy, top-5;
   * empty without a validation split).
   */
  record Epoch(int epoch, long step, Map<Metric, Double> metrics) implements TrialMessage {
    public Epoch {
      metrics = metrics.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(metrics));
    }

    public String type() {
      return "epoch";
    }

    /** The value of a metric at this epoch, or null. */
    public Double value(String metric) {
      return Metric.of(metric).map(metrics::get).orElse(null);
    }

    public JsonObject toJson() {
      JsonObject m = new JsonObject();
      for (Metric k : Metric.values()) {
        if (metrics.containsKey(k)) m.put(k.key(), metrics.get(k));
      }
      return head(this).put("epoch", epoch).put("step", step).put("metrics", m);
    }
  }

  /** A checkpoint of the epoch was written. */
  record Checkpoint(int epoch, String path) implements TrialMessage {
    public String type() {
      return "checkpoint";
    }

    public JsonObject toJson() {
      return head(this).put("epoch", epoch).put("path", path);
    }
  }

  /** The trial finished: its outcome. */
  record Result(TrialResult result) implements TrialMessage {
    public String type() {
      return "result";
    }

    public JsonObject toJson() {
      JsonObject j = head(this);
      result
          .toMap()
          .forEach((k, v) -> j.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
      return j;
    }
  }

  /** The trial process gives up: why, and what kind of failure it is. */
  record Failure(FailureKind kind, String message) implements TrialMessage {
    public String type() {
      return "failure";
    }

    public JsonObject toJson() {
      return head(this).put("kind", kind.key()).put("message", message);
    }
  }

  /**
   * The worker's own message: the trial process ended with this exit status; for a failure a short
   * reason and the tail of the attempt's log.
   */
  record Exited(int exitCode, String reason, String logTail) implements TrialMessage {
    public String type() {
      return "exited";
    }

    public boolean ok() {
      return exitCode == FailureKind.EXIT_OK;
    }

    public JsonObject toJson() {
      JsonObject j = head(this).put("exitCode", exitCode);
      if (reason != null) j.put("reason", reason);
      if (logTail != null) j.put("logTail", logTail);
      return j;
    }
  }

  private static JsonObject head(TrialMessage m) {
    return new JsonObject().put("type", m.type());
  }

  /**
   * Reads a message from its JSON object.
   *
   * @throws IllegalArgumentException for an unknown type or a missing field
   */
  static TrialMessage fromJson(JsonObject j) {
    String type = j.getString("type");
    if (type == null) throw new IllegalArgumentException("a trial message needs a type");
    try {
      return switch (type) {
        case "started" ->
            new Started(
                j.getLong("params", 0L),
                j.getLong("macs", 0L),
                j.getInteger("attempt", 1),
                j.getInteger("startEpoch", 1),
                j.getLong("totalSteps", 0L));
        case "epoch" -> {
          Map<Metric, Double> m = new EnumMap<>(Metric.class);
          JsonObject mj = j.getJsonObject("metrics", new JsonObject());
          for (String k : mj.fieldNames()) {
            Metric metric =
                Metric.of(k)
                    .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + k + "'"));
            Number v = mj.getNumber(k);
            if (v != null && Double.isFinite(v.doubleValue())) m.put(metric, v.doubleValue());
          }
          yield new Epoch(required(j, "epoch"), j.getLong("step", 0L), m);
        }
        case "checkpoint" -> new Checkpoint(required(j, "epoch"), j.getString("path"));
        case "result" -> new Result(TrialResult.fromMap(j.getMap()));
        case "failure" ->
            new Failure(
                FailureKind.of(j.getString("kind", ""))
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "unknown failure kind '" + j.getString("kind") + "'")),
                j.getString("message", ""));
        case "exited" ->
            new Exited(required(j, "exitCode"), j.getString("reason"), j.getString("logTail"));
        default -> throw new IllegalArgumentException("unknown trial message type '" + type + "'");
      };
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("malformed '" + type + "' message: " + e.getMessage());
    }
  }

  private static int required(JsonObject j, String key) {
    Integer v = j.getInteger(key);
    if (v == null) throw new IllegalArgumentException("'" + j.getString("type") + "' needs " + key);
    return v;
  }
}
