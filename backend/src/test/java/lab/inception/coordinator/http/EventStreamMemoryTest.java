package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.inception.worker.protocol.MetricPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients of {@code /api/events} that never read, against the real HTTP verticle: while a trial
 * streams and while a resume replays the kept history, the server's buffered bytes (the direct
 * memory Netty holds for unsent writes, where every queued write ends up) stay under {@code clients
 * × (write-queue bound + one page)}, and come back once the clients are gone.
 */
@ExtendWith(VertxExtension.class)
class EventStreamMemoryTest {

  static final int CLIENTS = 32;

  /**
   * What one stalled client may cost: its write-queue bound plus the batch that crossed it, twice
   * (Netty copies each queued write into direct memory from its allocator, which rounds up to its
   * chunk sizes: measured 4.2 MB a client at a 1 MB bound, 6.3 MB at 4 MB), plus 1 MB.
   */
  static final long PER_CLIENT = 2 * (EventStream.WRITE_QUEUE_BYTES + (1 << 20)) + (1 << 20);

  @TempDir Path dir;
  ApiHarness h;
  long step;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  @DisplayName(
      "clients that never read hold at most the write-queue bound each, live and replaying, and"
          + " their memory is returned when they leave")
  void stalledClientsBounded() throws Exception {
    // the history a resuming client has missed: the hub's 100,000 points, ~40 MB
    feed(100_000);
    long kept = h.hub.since(0).stream().mapToLong(b -> b.all().length()).sum();
    Memory rest = Memory.now();
    for (int round = 1; round <= 3; round++) {
      List<Socket> stalled = new ArrayList<>();
      Memory peak;
      try {
        for (int i = 0; i < CLIENTS; i++) stalled.add(stalledClient(i % 2 == 0 ? "0" : null));
        feed(50_000); // a trial streaming while they stall, ~20 MB
        peak = settle();
      } finally {
        for (Socket s : stalled) s.close();
      }
      Thread.sleep(1000);
      Memory after = settle();
      long bound = CLIENTS * PER_CLIENT;
      System.out.printf(
          "event stream, round %d: %d stalled clients (half resuming over a %d MB history):"
              + " heap %d -> %d -> %d MB, direct %d -> %d -> %d MB (at rest, peak, after they"
              + " left); bound on the peak %d MB over rest; VmRSS %d MB%n",
          round,
          CLIENTS,
          kept >> 20,
          rest.heap >> 20,
          peak.heap >> 20,
          after.heap >> 20,
          rest.direct >> 20,
          peak.direct >> 20,
          after.direct >> 20,
          bound >> 20,
          rssKb() >> 10);
      assertThat(peak.total() - rest.total()).isLessThan(bound);
      // without the bound each resuming client would be sent the whole history at once
      assertThat(bound).isLessThan(CLIENTS / 2 * (kept - (8L << 20)));
      assertThat(after.heap - rest.heap).as("heap kept after they left").isLessThan(16L << 20);
      // Direct memory is Netty's buffer pool and the JDK's socket-write cache: kept for the next
      // writes, not handed back, and its size after a round varies (10-50 MB measured over rest).
      // What must hold is that it stays bounded over the rounds: a leak of the rounds' queued
      // writes (~64 MB each) would pass half the peak bound by the third round.
      assertThat(after.direct - rest.direct)
          .as("direct memory kept after round " + round)
          .isLessThan(bound / 2);
    }
  }

  /**
   * The server's memory: its heap after a full collection (where Vert.x's queued writes wait until
   * Netty sends them) and direct memory (Netty's buffers, the JDK's socket-write cache).
   */
  private record Memory(long heap, long direct) {
    long total() {
      return heap + direct;
    }

    static Memory now() throws InterruptedException {
      // Direct buffers the server has let go are freed by the JDK's cleaner thread after a
      // collection, not by the collection itself: collect until that count stops falling, so
      // what is measured is what the server still holds, not what awaits its cleaner.
      System.gc();
      long direct = directBytes();
      for (int i = 0; i < 20; i++) {
        Thread.sleep(25);
        System.gc();
        long again = directBytes();
        if (again >= direct) break;
        direct = again;
      }
      return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct);
    }

    private static long directBytes() {
      long direct = Math.max(0, PlatformDependent.usedDirectMemory());
      for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
        if (pool.getName().equals("direct")) direct += pool.getMemoryUsed();
      }
      return direct;
    }
  }

  /** A client with a tiny receive buffer that sends its request and never reads. */
  private Socket stalledClient(String lastEventId) throws Exception {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", h.api.actualPort()));
    String req =
        "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:"
            + h.api.actualPort()
            + "\r\n"
            + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
            + "\r\n";
    s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  /**
   * Metric points of one trial as a worker's batches would bring them, ~400 bytes each (a long
   * trial id), in chunks small enough that one flushed batch stays under 1 MB.
   */
  private void feed(int points) throws InterruptedException {
    String trial = "t-" + "0".repeat(240);
    for (int done = 0; done < points; done += 200) {
      List<MetricPoint> ps = new ArrayList<>(200);
      for (int i = 0; i < 200; i++) {
        ps.add(new MetricPoint(trial, "train_loss", step++, 1, 0.5, 1, 1_700_000_000_000L));
      }
      h.hub.metrics("s-0001", ps);
      Thread.sleep(4);
    }
    Thread.sleep(500); // the verticle flushes every 50 ms
  }

  /** The memory once it stops changing by more than 1 MB. */
  private static Memory settle() throws InterruptedException {
    Memory last = Memory.now();
    for (int i = 0; i < 20; i++) {
      Thread.sleep(250);
      Memory now = Memory.now();
      if (Math.abs(now.total() - last.total()) < 1 << 20) return now;
      last = now;
    }
    return last;
  }

  private static long rssKb() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (java.io.IOException e) {
      // not Linux
    }
    return -1;
  }
}
