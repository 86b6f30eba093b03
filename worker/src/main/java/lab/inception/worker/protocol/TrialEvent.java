package lab.inception.worker.protocol;

import io.vertx.core.json.JsonObject;

/**
 * Something that happened to a trial's attempt on a worker: {@code started} (data: params, macs),
 * {@code epoch}, {@code checkpoint} (epoch, path), {@code result} (accuracies, seconds, ...),
 * {@code error} (message) or {@code exited} (exitCode, reason).
 *
 * @param trial the trial's id
 * @param attempt the attempt it concerns
 * @param worker the worker running it
 * @param type what happened
 * @param data the trial process's JSON line or the exit details
 */
public record TrialEvent(String trial, int attempt, String worker, String type, JsonObject data) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("trial", trial)
        .put("attempt", attempt)
        .put("worker", worker)
        .put("type", type)
        .put("data", data);
  }

  public static TrialEvent fromJson(JsonObject j) {
    return new TrialEvent(
        j.getString("trial"),
        j.getInteger("attempt", 0),
        j.getString("worker"),
        j.getString("type"),
        j.getJsonObject("data", new JsonObject()));
  }
}
