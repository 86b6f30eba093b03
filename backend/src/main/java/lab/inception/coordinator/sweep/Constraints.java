package lab.inception.coordinator.sweep;

import io.vertx.core.json.JsonObject;

/**
 * A sweep's cost budget: configurations with more MACs or parameters than these (computed from the
 * model's shapes before any training) are never proposed and never trained.
 *
 * @param maxMacs the most inference multiply-accumulates a trial's network may have, or null
 * @param maxParams the most trainable parameters, or null
 */
public record Constraints(Long maxMacs, Long maxParams) {

  public static Constraints none() {
    return new Constraints(null, null);
  }

  public boolean any() {
    return maxMacs != null || maxParams != null;
  }

  /** Whether a cost is within the budget. */
  public boolean allows(TrialCost.Cost c) {
    return (maxMacs == null || c.macs() <= maxMacs)
        && (maxParams == null || c.params() <= maxParams);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (maxMacs != null) j.put("maxMacs", maxMacs);
    if (maxParams != null) j.put("maxParams", maxParams);
    return j;
  }

  public static Constraints fromJson(JsonObject j) {
    if (j == null) return none();
    return new Constraints(j.getLong("maxMacs"), j.getLong("maxParams"));
  }
}
