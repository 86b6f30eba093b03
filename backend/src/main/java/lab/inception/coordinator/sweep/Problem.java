package lab.inception.coordinator.sweep;

import io.vertx.core.json.JsonObject;

/**
 * One thing wrong with a sweep file: where ({@code parameters.model[2]}) and what.
 *
 * @param path the dotted path of the offending value, empty for the whole file
 * @param message what is wrong, in one line
 */
public record Problem(String path, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("path", path).put("message", message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
