package lab.inception.coordinator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.inception.coordinator.Contract;
import lab.inception.coordinator.CoordinatorConfig;
import lab.inception.coordinator.CoordinatorVerticle;
import lab.inception.coordinator.EventHub;
import lab.inception.coordinator.store.Store;

/**
 * A coordinator and its HTTP API (every response checked against openapi.json by {@link Contract})
 * on a free loopback port, over a store in a temporary directory.
 */
final class ApiHarness implements AutoCloseable {
  final Vertx vertx;
  final Store store;
  final HttpApiVerticle api;
  final EventHub hub;
  final String base;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiHarness(Vertx vertx, Path dir, HttpConfig http) throws Exception {
    this.vertx = vertx;
    store = Store.open(vertx, dir);
    hub = new EventHub(1, 100_000); // batch ids from 1: Last-Event-ID 0 replays the whole history
    await(
        vertx.deployVerticle(
            new CoordinatorVerticle(
                store, hub, new CoordinatorConfig(30_000, 1, dir.resolve("ckpt").toString()))));
    api = new HttpApiVerticle(store, hub, http);
    await(vertx.deployVerticle(api));
    base = "http://" + http.host() + ":" + api.actualPort();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (!body.isEmpty()) b.header("Content-Type", "application/yaml");
    return send(b.POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return Contract.check(
        client.send(
            b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  @Override
  public void close() {
    store.close();
  }
}
