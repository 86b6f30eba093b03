package lab.inception.coordinator.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store's reading threads, each owning one read-only connection (SQLite in WAL mode lets them
 * read beside each other and beside the writer). A handful, not one: a sweep page of 10,000 trials
 * asks for its trial list, results, curves, importance and front at once, and with one reader each
 * waited for all before it.
 */
final class Readers implements AutoCloseable {

  /** How many: one per core, at least two, at most four. */
  static int defaultCount() {
    return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  private final List<Connection> connections = new ArrayList<>();
  private final ThreadLocal<Connection> own = new ThreadLocal<>();
  private final ExecutorService threads;

  Readers(String url, int count) throws SQLException {
    try {
      for (int i = 0; i < count; i++) {
        Connection c = DriverManager.getConnection(url);
        connections.add(c);
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA busy_timeout=10000");
          s.execute("PRAGMA query_only=ON");
        }
      }
    } catch (SQLException e) {
      closeConnections();
      throw e;
    }
    BlockingQueue<Connection> free = new ArrayBlockingQueue<>(count, false, connections);
    AtomicInteger names = new AtomicInteger();
    // A thread takes a free connection for its life and gives it back when it ends, so a thread
    // the pool replaces (after a task threw) takes over the connection of the one it replaces.
    threads =
        Executors.newFixedThreadPool(
            count,
            r -> {
              Thread t =
                  new Thread(
                      () -> {
                        Connection c;
                        try {
                          c = free.take();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          return;
                        }
                        own.set(c);
                        try {
                          r.run();
                        } finally {
                          own.remove();
                          free.add(c);
                        }
                      },
                      "store-reader-" + names.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
  }

  ExecutorService threads() {
    return threads;
  }

  /** The connection of the calling reader thread. */
  Connection connection() {
    Connection c = own.get();
    if (c == null) throw new IllegalStateException("not a store reader thread");
    return c;
  }

  @Override
  public void close() throws InterruptedException {
    threads.shutdown();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    closeConnections();
  }

  private void closeConnections() {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing: a reader holds nothing to save
      }
    }
  }
}
