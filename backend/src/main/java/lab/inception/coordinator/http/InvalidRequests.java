package lab.inception.coordinator.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Requests the HTTP decoder could not read (a request line or headers over the server's limits, a
 * malformed line): answered before any route, like Vert.x's default handler, but with the API's
 * JSON error body, and the connection closed.
 */
final class InvalidRequests {

  private InvalidRequests() {}

  /** The server's {@code invalidRequestHandler}. */
  static void answer(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    String why = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
    int status;
    String message;
    if (cause instanceof TooLongFrameException && why.startsWith("An HTTP line is larger than")) {
      status = 414;
      message = "request line too long (at most " + HttpApiVerticle.MAX_INITIAL_LINE + " bytes)";
    } else if (cause instanceof TooLongFrameException && why.startsWith("HTTP header is larger")) {
      status = 431;
      message = "request headers too large (at most " + HttpApiVerticle.MAX_HEADERS + " bytes)";
    } else {
      status = 400;
      message = "malformed HTTP request" + (why.isEmpty() ? "" : ": " + why);
    }
    String body = new JsonObject().put("error", message).put("details", new JsonArray()).encode();
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(body)
        .onComplete(v -> request.connection().close());
  }
}
