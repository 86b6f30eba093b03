package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lab.inception.coordinator.EventHub;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventStreamTest {

  @Test
  @DisplayName(
      "a client that stops reading is dropped once its backlog passes the bound; a reader is not")
  void slowClientDropped() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EventStream stream = // used on one event loop, as in the HTTP verticle
          new EventStream(new EventHub(1, 1000), HttpConfig.DEFAULT_MAX_EVENT_CLIENTS);
      Context loop = vertx.getOrCreateContext();
      HttpServer server =
          onLoop(
              loop,
              () ->
                  vertx
                      .createHttpServer(HttpApiVerticle.serverOptions())
                      .requestHandler(r -> stream.open(r.response(), null, null)));
      CompletableFuture<Integer> listening = new CompletableFuture<>();
      loop.runOnContext(
          v ->
              server
                  .listen(0, "127.0.0.1")
                  .onSuccess(s -> listening.complete(s.actualPort()))
                  .onFailure(listening::completeExceptionally));
      int port = listening.get(10, TimeUnit.SECONDS);
      try (Socket stalled = new Socket("127.0.0.1", port);
          Socket reader = new Socket("127.0.0.1", port)) {
        for (Socket s : List.of(stalled, reader)) {
          s.getOutputStream()
              .write(
                  "GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        }
        AtomicLong read = new AtomicLong();
        CompletableFuture<Long> drained = drain(reader.getInputStream(), read);
        while (onLoop(loop, stream::size) < 2) Thread.sleep(10);
        String mb = "x".repeat(1 << 20);
        int sent = 0;
        // the stalled client's socket buffers take a few MB, its write queue the bound (16 MB)
        while (onLoop(loop, stream::size) == 2 && sent < 200) {
          EventHub.Batch b = new EventHub.Batch(++sent, mb, Map.of(), 1);
          onLoop(
              loop,
              () -> {
                stream.broadcast(b);
                return null;
              });
          // pace by the reader: it stays within 2 MB, however slow the machine
          while (read.get() < (sent - 2L) << 20) Thread.sleep(1);
        }
        assertThat(onLoop(loop, stream::size)).as("clients after %d MB", sent).isEqualTo(1);
        assertThat(sent).isGreaterThan(EventStream.WRITE_QUEUE_BYTES >> 20);
        reader.close();
        assertThat(drained.get(10, TimeUnit.SECONDS)).isGreaterThan(10L << 20);
      }
    } finally {
      vertx.close();
    }
  }

  private static CompletableFuture<Long> drain(InputStream in, AtomicLong read) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[1 << 16];
              try {
                for (int r; (r = in.read(buf)) > 0; ) read.addAndGet(r);
              } catch (java.io.IOException closed) {
                // the test closed the socket
              }
              done.complete(read.get());
            });
    t.setDaemon(true);
    t.start();
    return done;
  }

  private static <T> T onLoop(Context loop, java.util.concurrent.Callable<T> work)
      throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.runOnContext(
        v -> {
          try {
            f.complete(work.call());
          } catch (Exception e) {
            f.completeExceptionally(e);
          }
        });
    return f.get(10, TimeUnit.SECONDS);
  }
}
