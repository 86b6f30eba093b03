package lab.inception.worker.protocol;

import io.vertx.core.json.JsonObject;

/**
 * The coordinator tells a worker to end a trial's process (cancel, prune, or a lease it lost).
 *
 * @param trial the trial's id
 * @param attempt the attempt to stop
 * @param reason {@code cancelled}, {@code pruned} or {@code lease-lost}
 */
public record StopTrial(String trial, int attempt, String reason) {

  public JsonObject toJson() {
    return new JsonObject().put("trial", trial).put("attempt", attempt).put("reason", reason);
  }

  public static StopTrial fromJson(JsonObject j) {
    return new StopTrial(j.getString("trial"), j.getInteger("attempt", 0), j.getString("reason"));
  }
}
