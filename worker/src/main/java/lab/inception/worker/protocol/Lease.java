package lab.inception.worker.protocol;

import io.vertx.core.json.JsonObject;

/**
 * One trial leased to one worker slot. The lease holds while the worker's heartbeats renew it.
 *
 * @param trial the trial's id
 * @param sweep its sweep's id
 * @param attempt 1 for the first run, +1 for each retry or requeue
 * @param config the trial's {@code TrialConfig} map
 * @param checkpointDir where the trial keeps (and resumes from) its checkpoints
 */
public record Lease(
    String trial, String sweep, int attempt, JsonObject config, String checkpointDir) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("trial", trial)
        .put("sweep", sweep)
        .put("attempt", attempt)
        .put("config", config)
        .put("checkpointDir", checkpointDir);
  }

  public static Lease fromJson(JsonObject j) {
    return new Lease(
        j.getString("trial"),
        j.getString("sweep"),
        j.getInteger("attempt", 1),
        j.getJsonObject("config", new JsonObject()),
        j.getString("checkpointDir"));
  }
}
