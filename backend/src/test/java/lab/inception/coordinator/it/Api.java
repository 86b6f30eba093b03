package lab.inception.coordinator.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import lab.inception.coordinator.Contract;

/** The HTTP API from a test: calls, waiting for a state, and an SSE collector. */
final class Api {
  final String base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Api(String base) {
    this.base = base;
  }

  String get(String path) throws Exception {
    HttpResponse<String> r =
        Contract.check(
            http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
    if (r.statusCode() != 200)
      throw new AssertionError("GET " + path + " → " + r.statusCode() + " " + r.body());
    return r.body();
  }

  JsonObject object(String path) throws Exception {
    return new JsonObject(get(path));
  }

  JsonArray array(String path) throws Exception {
    return new JsonArray(get(path));
  }

  String submit(String sweep) throws Exception {
    HttpResponse<String> r =
        Contract.check(
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/sweeps"))
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(sweep))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
    if (r.statusCode() != 201)
      throw new AssertionError("submit → " + r.statusCode() + " " + r.body());
    return new JsonObject(r.body()).getString("id");
  }

  /** Polls GET path until the predicate holds. */
  JsonObject until(String path, Predicate<JsonObject> p, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonObject last = null;
    while (System.nanoTime() < end) {
      try {
        last = object(path);
        if (p.test(last)) return last;
      } catch (Exception | AssertionError e) {
        // server restarting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out waiting on " + path + "; last: " + last);
  }

  /** Reads /api/events in the background, keeping every metric point's key. */
  final class Sse implements AutoCloseable {
    final List<JsonObject> metrics = new CopyOnWriteArrayList<>();
    final Thread thread;
    volatile boolean open = true;
    private volatile java.io.InputStream body;

    Sse() throws Exception {
      HttpResponse<java.io.InputStream> r =
          Contract.check(
              http.send(
                  HttpRequest.newBuilder(URI.create(base + "/api/events")).build(),
                  HttpResponse.BodyHandlers.ofInputStream()));
      body = r.body();
      thread =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                  for (String l; open && (l = in.readLine()) != null; ) {
                    if (l.startsWith("data: ")) {
                      JsonArray m =
                          new JsonObject(l.substring(6)).getJsonArray("metrics", new JsonArray());
                      for (int i = 0; i < m.size(); i++) metrics.add(m.getJsonObject(i));
                    }
                  }
                } catch (Exception e) {
                  // closed
                }
              },
              "sse");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws Exception {
      open = false;
      body.close();
    }
  }
}
