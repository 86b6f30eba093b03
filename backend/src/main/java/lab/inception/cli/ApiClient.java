package lab.inception.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP API as the {@code sweep} commands use it; a 4xx becomes IllegalArgumentException (exit
 * 2).
 */
final class ApiClient {
  private final String server;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiClient(String server, String token) {
    String s =
        server != null
            ? server
            : System.getenv().getOrDefault("INCEPTION_SERVER", "http://127.0.0.1:8080");
    this.server = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    this.token = token != null ? token : System.getenv("INCEPTION_TOKEN");
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(server + path));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--server must be a URL like http://127.0.0.1:8080 (got " + server + ")");
    }
    if (token != null && !token.isBlank()) b.header("Authorization", "Bearer " + token);
    return b;
  }

  String send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r;
    try {
      r =
          http.send(
              b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException(
          "cannot reach the server at " + server + " (is `inception serve` running?)");
    }
    if (r.statusCode() >= 400) {
      String msg = r.body();
      try {
        JsonObject err = new JsonObject(r.body());
        StringBuilder sb = new StringBuilder(err.getString("error", "HTTP " + r.statusCode()));
        JsonArray d = err.getJsonArray("details", new JsonArray());
        if (d.size() > 1) {
          for (int i = 0; i < d.size(); i++) {
            JsonObject p = d.getJsonObject(i);
            sb.append("\n  ")
                .append(p.getString("path").isEmpty() ? "" : p.getString("path") + ": ")
                .append(p.getString("message"));
          }
        }
        msg = sb.toString();
      } catch (DecodeException | ClassCastException e) {
        // not a JSON error: show the body as it is
      }
      // an unknown id is often the right id on the wrong server: say which server answered
      if (r.statusCode() == 404) msg += " (on the server at " + server + ")";
      if (r.statusCode() < 500) throw new IllegalArgumentException(msg);
      throw new IOException("server error " + r.statusCode() + ": " + msg);
    }
    return r.body();
  }

  /** The server's base URL, as requests use it. */
  String server() {
    return server;
  }

  /** A text body (a report, a CSV). */
  String getText(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  JsonObject getObject(String path) throws IOException, InterruptedException {
    return new JsonObject(send(request(path).GET()));
  }

  JsonArray getArray(String path) throws IOException, InterruptedException {
    return new JsonArray(send(request(path).GET()));
  }

  JsonObject post(String path, String body, String contentType)
      throws IOException, InterruptedException {
    return new JsonObject(
        send(
            request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  JsonObject delete(String path) throws IOException, InterruptedException {
    return new JsonObject(send(request(path).DELETE()));
  }

  InputStream stream(String path) throws IOException, InterruptedException {
    HttpResponse<InputStream> r;
    try {
      r =
          http.send(
              request(path).header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new IOException("cannot reach the server at " + server);
    }
    if (r.statusCode() >= 400) {
      String body = new String(r.body().readAllBytes());
      if (r.statusCode() < 500) throw new IllegalArgumentException(body);
      throw new IOException(body);
    }
    return r.body();
  }
}
