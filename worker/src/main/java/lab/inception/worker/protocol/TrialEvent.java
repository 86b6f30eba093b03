package lab.inception.worker.protocol;

import io.vertx.core.json.JsonObject;

/**
 * A message about one attempt of a trial, as a worker forwards it to the coordinator.
 *
 * @param trial the trial's id
 * @param attempt the attempt it concerns
 * @param worker the worker running it
 * @param message what the trial process (or, for {@link TrialMessage.Exited}, the worker) said
 */
public record TrialEvent(String trial, int attempt, String worker, TrialMessage message) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("trial", trial)
        .put("attempt", attempt)
        .put("worker", worker)
        .put("message", message.toJson());
  }

  /**
   * @throws IllegalArgumentException for a message that is not one of {@link TrialMessage}'s
   */
  public static TrialEvent fromJson(JsonObject j) {
    return new TrialEvent(
        j.getString("trial"),
        j.getInteger("attempt", 0),
        j.getString("worker"),
        TrialMessage.fromJson(j.getJsonObject("message", new JsonObject())));
  }
}
