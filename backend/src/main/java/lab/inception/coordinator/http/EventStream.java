package lab.inception.coordinator.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.EventHub;

/**
 * The {@code /api/events} clients of one HTTP verticle: each batch of the {@link EventHub} goes to
 * every client as {@code id: N / event: batch / data: {...}}, filtered by the client's sweep. A
 * client too slow to keep up is disconnected; it reconnects with {@code Last-Event-ID} and gets the
 * batches it missed. Used only on the HTTP verticle's event loop.
 */
final class EventStream {

  private record Client(HttpServerResponse response, String sweep) {}

  private final List<Client> clients = new ArrayList<>();

  /** Starts a stream: headers, the missed batches (or a reset event), then live batches. */
  void open(HttpServerResponse r, String sweep, List<EventHub.Batch> missed) {
    r.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    r.write("retry: 2000\n\n");
    if (missed == null) {
      r.write("event: reset\ndata: {\"reason\":\"events were missed; reload from the API\"}\n\n");
    } else {
      missed.forEach(b -> send(r, sweep, b));
    }
    Client c = new Client(r, sweep);
    clients.add(c);
    r.closeHandler(v -> clients.remove(c));
    r.exceptionHandler(e -> clients.remove(c));
  }

  int size() {
    return clients.size();
  }

  void broadcast(EventHub.Batch b) {
    Buffer all = null;
    for (Client c : new ArrayList<>(clients)) {
      if (c.response.writeQueueFull()) {
        clients.remove(c);
        c.response.reset();
        continue;
      }
      if (c.sweep == null) {
        if (all == null) all = frame(b.id(), b.json());
        c.response.write(all);
      } else {
        send(c.response, c.sweep, b);
      }
    }
  }

  void ping() {
    for (Client c : clients) c.response.write(": ping\n\n");
  }

  private static void send(HttpServerResponse r, String sweep, EventHub.Batch b) {
    JsonObject j = sweep == null ? b.json() : filter(b.json(), sweep);
    if (j != null) r.write(frame(b.id(), j));
  }

  private static JsonObject filter(JsonObject batch, String sweep) {
    JsonArray m = only(batch.getJsonArray("metrics"), "sweep", sweep);
    JsonArray t = only(batch.getJsonArray("trials"), "sweep", sweep);
    JsonArray s = only(batch.getJsonArray("sweeps"), "id", sweep);
    if (m.isEmpty() && t.isEmpty() && s.isEmpty()) return null;
    return new JsonObject().put("metrics", m).put("trials", t).put("sweeps", s);
  }

  private static JsonArray only(JsonArray a, String key, String value) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < a.size(); i++) {
      JsonObject o = a.getJsonObject(i);
      if (value.equals(o.getString(key))) out.add(o);
    }
    return out;
  }

  private static Buffer frame(long id, JsonObject data) {
    return Buffer.buffer("id: " + id + "\nevent: batch\ndata: " + data.encode() + "\n\n");
  }
}
