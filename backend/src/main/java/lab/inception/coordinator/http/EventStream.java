package lab.inception.coordinator.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.EventHub;

/**
 * The {@code /api/events} clients of one HTTP verticle: each batch of the {@link EventHub} goes to
 * every client as {@code id: N / event: batch / data: {...}}, filtered by the client's sweep.
 *
 * <p>Memory is bounded per client and in all: at most {@link #WRITE_QUEUE_BYTES} (plus one batch)
 * wait in a client's write queue, and at most {@code maxClients} streams are open. A client
 * resuming with {@code Last-Event-ID} gets the batches it missed page by page, the next page only
 * once its queue has drained, then the live batches. A live client whose queue is full when a batch
 * comes is disconnected (it reconnects with {@code Last-Event-ID}); so is any client whose queue is
 * still full at two pings in a row (one that stopped reading during its replay). Used only on the
 * HTTP verticle's event loop.
 */
final class EventStream {

  /** A client more than this far behind is dropped (it resumes with Last-Event-ID). */
  static final int WRITE_QUEUE_BYTES = 2 << 20;

  /** Batches fetched from the history at a time while a client catches up. */
  private static final int PAGE = 64;

  private static final String RESET =
      "event: reset\ndata: {\"reason\":\"events were missed; reload from the API\"}\n\n";

  /** One open stream. */
  private static final class Client {
    final HttpServerResponse response;
    final String sweep;
    long cursor; // the last batch id sent while replaying
    boolean live;
    boolean stalled; // its queue was full at the last ping
    boolean closed;

    Client(HttpServerResponse response, String sweep) {
      this.response = response;
      this.sweep = sweep;
    }
  }

  private final EventHub hub;
  private final int maxClients;
  private final List<Client> clients = new ArrayList<>();

  EventStream(EventHub hub, int maxClients) {
    this.hub = hub;
    this.maxClients = maxClients;
  }

  /** Whether another stream may open. */
  boolean accepting() {
    return clients.size() < maxClients;
  }

  /**
   * Starts a stream: headers, then (with {@code lastId}) the missed batches or a reset event, then
   * live batches.
   */
  void open(HttpServerResponse r, String sweep, Long lastId) {
    r.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    r.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    r.write("retry: 2000\n\n");
    Client c = new Client(r, sweep);
    clients.add(c);
    r.closeHandler(v -> remove(c));
    r.exceptionHandler(e -> remove(c));
    if (lastId == null) {
      c.live = true;
    } else {
      c.cursor = lastId;
      replay(c);
    }
  }

  int size() {
    return clients.size();
  }

  /** Sends a new batch to every live client; drops a live client whose queue is full. */
  void broadcast(EventHub.Batch b) {
    Buffer all = null;
    for (Client c : new ArrayList<>(clients)) {
      if (!c.live) continue; // catching up from the history, which holds this batch too
      if (c.response.writeQueueFull()) {
        drop(c);
        continue;
      }
      if (c.sweep == null) {
        if (all == null) all = frame(b.id(), b.all());
        c.response.write(all);
      } else {
        send(c, b);
      }
    }
  }

  /** Keeps connections open through proxies; drops clients full at two pings in a row. */
  void ping() {
    for (Client c : new ArrayList<>(clients)) {
      boolean full = c.response.writeQueueFull();
      if (full && c.stalled) {
        drop(c);
      } else {
        c.stalled = full;
        if (!full) c.response.write(": ping\n\n");
      }
    }
  }

  /** Writes missed batches until the queue is full, then continues once it has drained. */
  private void replay(Client c) {
    while (!c.closed && !c.response.writeQueueFull()) {
      List<EventHub.Batch> page = hub.since(c.cursor, PAGE);
      if (page == null) {
        c.response.write(RESET);
        c.live = true;
        return;
      }
      if (page.isEmpty()) {
        c.live = true;
        return;
      }
      for (EventHub.Batch b : page) {
        send(c, b);
        c.cursor = b.id();
        if (c.response.writeQueueFull()) break;
      }
    }
    if (!c.closed) {
      c.response.drainHandler(
          v -> {
            c.response.drainHandler(null);
            replay(c);
          });
    }
  }

  private void drop(Client c) {
    remove(c);
    c.response.reset();
  }

  private void remove(Client c) {
    c.closed = true;
    clients.remove(c);
  }

  private static void send(Client c, EventHub.Batch b) {
    String data = c.sweep == null ? b.all() : b.bySweep().get(c.sweep);
    if (data != null) c.response.write(frame(b.id(), data));
  }

  private static Buffer frame(long id, String data) {
    return Buffer.buffer("id: " + id + "\nevent: batch\ndata: " + data + "\n\n");
  }
}
