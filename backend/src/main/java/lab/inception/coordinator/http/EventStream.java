package lab.inception.coordinator.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
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

  /** A client more than this far behind is dropped (it resumes with Last-Event-ID). */
  static final int WRITE_QUEUE_BYTES = 16 << 20;

  private record Client(HttpServerResponse response, String sweep) {}

  private final List<Client> clients = new ArrayList<>();

  /** Starts a stream: headers, the missed batches (or a reset event), then live batches. */
  void open(HttpServerResponse r, String sweep, List<EventHub.Batch> missed) {
    r.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
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
        if (all == null) all = frame(b.id(), b.all());
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
    String data = sweep == null ? b.all() : b.bySweep().get(sweep);
    if (data != null) r.write(frame(b.id(), data));
  }

  private static Buffer frame(long id, String data) {
    return Buffer.buffer("id: " + id + "\nevent: batch\ndata: " + data + "\n\n");
  }
}
