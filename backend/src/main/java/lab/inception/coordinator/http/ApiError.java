package lab.inception.coordinator.http;

import io.vertx.core.json.JsonArray;

/** A client mistake or a missing resource, answered with its HTTP status and a JSON error body. */
public final class ApiError extends RuntimeException {
  private final int status;
  private final transient JsonArray details;

  public ApiError(int status, String message) {
    this(status, message, new JsonArray());
  }

  public ApiError(int status, String message, JsonArray details) {
    super(message, null, false, false);
    this.status = status;
    this.details = details;
  }

  public int status() {
    return status;
  }

  public JsonArray details() {
    return details;
  }

  static ApiError notFound(String what) {
    return new ApiError(404, what);
  }

  static ApiError badRequest(String what) {
    return new ApiError(400, what);
  }
}
