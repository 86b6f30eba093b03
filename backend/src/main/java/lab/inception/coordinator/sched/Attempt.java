package lab.inception.coordinator.sched;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One attempt of a trial: where it ran and how it ended. Kept for every attempt, served in the
 * trial's {@code attempts}.
 *
 * @param attempt its number, from 1
 * @param worker the worker that ran it
 * @param device the device slot ({@code cpu}, {@code gpu:N})
 * @param started when it was leased (ISO-8601)
 * @param ended when it ended, null while it runs
 * @param outcome how it ended, null while it runs
 * @param error the failure's message, or null
 * @param logTail the last lines of its log as the worker read them, or null
 * @param log where the worker writes the attempt's whole log (readable by the coordinator when the
 *     checkpoint directory is shared or local)
 */
public record Attempt(
    int attempt,
    String worker,
    String device,
    String started,
    String ended,
    Outcome outcome,
    String error,
    String logTail,
    String log) {

  /** How an attempt ended. */
  public enum Outcome {
    /** The trial finished with a result. */
    COMPLETED,
    /** Early stopping ended it at a rung. */
    PRUNED,
    /** The sweep was cancelled. */
    CANCELLED,
    /** The trial's input cannot be used (exit status 2): not retried. */
    BAD_INPUT,
    /** The process failed or died (exit status 1, a signal): retried from its checkpoint. */
    CRASHED,
    /** The loss became NaN or infinite (exit status 3): not retried. */
    DIVERGED,
    /** The worker went silent or left the cluster: the trial was queued again. */
    LOST;

    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Outcome> of(String key) {
      return Arrays.stream(values()).filter(o -> o.key().equals(key)).findFirst();
    }
  }

  /** A new, running attempt. */
  static Attempt started(int attempt, String worker, String device, String started, String log) {
    return new Attempt(attempt, worker, device, started, null, null, null, null, log);
  }

  /** This attempt ended. */
  Attempt ended(String at, Outcome outcome, String error, String logTail) {
    return new Attempt(attempt, worker, device, started, at, outcome, error, logTail, log);
  }

  public boolean running() {
    return outcome == null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("attempt", attempt)
        .put("worker", worker)
        .put("device", device)
        .put("started", started)
        .put("ended", ended)
        .put("outcome", outcome == null ? null : outcome.key())
        .put("error", error)
        .put("logTail", logTail)
        .put("log", log);
  }

  public static Attempt fromJson(JsonObject j) {
    return new Attempt(
        j.getInteger("attempt", 0),
        j.getString("worker"),
        j.getString("device"),
        j.getString("started"),
        j.getString("ended"),
        Outcome.of(j.getString("outcome", "")).orElse(null),
        j.getString("error"),
        j.getString("logTail"),
        j.getString("log"));
  }
}
