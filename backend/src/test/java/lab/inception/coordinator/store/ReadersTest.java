package lab.inception.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {

  @TempDir Path dir;

  private String database() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    try (Connection w = DriverManager.getConnection(url);
        Statement s = w.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE t(x INTEGER)");
      s.execute("INSERT INTO t VALUES (42)");
    }
    return url;
  }

  /** What a test runs on a reader thread, with that thread's connection. */
  private interface Read<T> {
    T run(Connection c) throws Exception;
  }

  private static <T> CompletableFuture<T> read(Readers readers, Read<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    readers
        .threads()
        .execute(
            () -> {
              try {
                f.complete(work.run(readers.connection()));
              } catch (Throwable t) {
                f.completeExceptionally(t);
              }
            });
    return f;
  }

  private static int answer(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeQuery("SELECT x FROM t").getInt(1);
    }
  }

  @Test
  @DisplayName(
      "a long read does not hold up another: each reader thread reads on its own connection")
  void readsRunBesideEachOther() throws Exception {
    try (Readers readers = new Readers(database(), 2)) {
      CountDownLatch second = new CountDownLatch(1);
      // the first read waits for the second: with one reader it would wait forever
      CompletableFuture<Connection> first =
          read(
              readers,
              c -> {
                assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
                return c;
              });
      CompletableFuture<Connection> other =
          read(
              readers,
              c -> {
                try {
                  assertThat(answer(c)).isEqualTo(42);
                  return c;
                } finally {
                  second.countDown();
                }
              });
      assertThat(first.get(60, TimeUnit.SECONDS)).isNotSameAs(other.get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  @DisplayName("a task that throws costs no connection: the thread that replaces its thread reads")
  void survivesAThrowingTask() throws Exception {
    try (Readers readers = new Readers(database(), 1)) {
      readers
          .threads()
          .execute(
              () -> {
                throw new IllegalStateException("a task's own failure");
              });
      assertThat(read(readers, ReadersTest::answer).get(60, TimeUnit.SECONDS)).isEqualTo(42);
    }
  }

  @Test
  @DisplayName("a reader's connection refuses writes, and only reader threads have one")
  void readOnly() throws Exception {
    try (Readers readers = new Readers(database(), 2)) {
      CompletableFuture<Object> write =
          read(
              readers,
              c -> {
                try (Statement s = c.createStatement()) {
                  return s.executeUpdate("INSERT INTO t VALUES (1)");
                } catch (SQLException e) {
                  return e;
                }
              });
      assertThat(write.get(60, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
      assertThatThrownBy(readers::connection).isInstanceOf(IllegalStateException.class);
    }
  }
}
