package lab.inception.coordinator.sweep;

import io.vertx.core.json.JsonObject;

/**
 * The early-stopping rule of a sweep, evaluated at rung boundaries (epochs).
 *
 * @param type {@code none}, {@code asha} (asynchronous successive halving) or {@code median}
 * @param metric the metric compared, e.g. {@code val_accuracy}
 * @param mode {@code max} or {@code min}: which direction is better
 * @param gracePeriod the first rung, in epochs: nothing is stopped before it
 * @param reductionFactor ASHA's η: rungs at grace·η^k, the top 1/η continue
 * @param minTrials the median rule compares only once this many trials reached the rung
 */
public record EarlyStopping(
    String type, String metric, String mode, int gracePeriod, int reductionFactor, int minTrials) {

  public static EarlyStopping none() {
    return new EarlyStopping("none", "val_accuracy", "max", 1, 3, 3);
  }

  public boolean enabled() {
    return !"none".equals(type);
  }

  public boolean maximize() {
    return "max".equals(mode);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", type)
        .put("metric", metric)
        .put("mode", mode)
        .put("gracePeriod", gracePeriod)
        .put("reductionFactor", reductionFactor)
        .put("minTrials", minTrials);
  }

  public static EarlyStopping fromJson(JsonObject j) {
    if (j == null) return none();
    EarlyStopping d = none();
    return new EarlyStopping(
        j.getString("type", d.type),
        j.getString("metric", d.metric),
        j.getString("mode", d.mode),
        j.getInteger("gracePeriod", d.gracePeriod),
        j.getInteger("reductionFactor", d.reductionFactor),
        j.getInteger("minTrials", d.minTrials));
  }
}
