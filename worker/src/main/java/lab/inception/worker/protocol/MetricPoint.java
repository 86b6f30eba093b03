package lab.inception.worker.protocol;

import io.vertx.core.json.JsonObject;

/**
 * One point of a trial's curve (INTERFACE.md's metric point plus its trial).
 *
 * @param trial the trial's id
 * @param name e.g. {@code train_loss}, {@code val_accuracy}
 * @param step the global optimizer step
 * @param epoch the epoch (1-based) the point belongs to
 * @param value the value
 * @param attempt the attempt that produced it
 * @param time ISO-8601 instant
 */
public record MetricPoint(
    String trial, String name, long step, int epoch, double value, int attempt, String time) {

  /** The INTERFACE.md metric point, without the trial. */
  public JsonObject toPointJson() {
    return new JsonObject()
        .put("name", name)
        .put("step", step)
        .put("epoch", epoch)
        .put("value", value)
        .put("attempt", attempt)
        .put("time", time);
  }

  public JsonObject toJson() {
    return toPointJson().put("trial", trial);
  }

  public static MetricPoint fromJson(JsonObject j) {
    return new MetricPoint(
        j.getString("trial"),
        j.getString("name"),
        j.getLong("step", 0L),
        j.getInteger("epoch", 0),
        j.getDouble("value", Double.NaN),
        j.getInteger("attempt", 1),
        j.getString("time"));
  }
}
