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

  @Test
  @DisplayName(
      "a long read does not hold up another: each reader thread reads on its own connection")
  void readsRunBesideEachOther() throws Exception {
    try (Readers readers = new Readers(database(), 2)) {
      CountDownLatch second = new CountDownLatch(1);
      CompletableFuture<Connection> first = new CompletableFuture<>();
      readers
          .threads()
          .execute(
              () -> {
                try {
                  // the first read waits for the second: with one reader it would wait forever
                  assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
                  first.complete(readers.connection());
                } catch (Throwable t) {
                  first.completeExceptionally(t);
                }
              });
      CompletableFuture<Connection> other = new CompletableFuture<>();
      readers
          .threads()
          .execute(
              () -> {
                try (Statement s = readers.connection().createStatement()) {
                  assertThat(s.executeQuery("SELECT x FROM t").getInt(1)).isEqualTo(42);
                  other.complete(readers.connection());
                } catch (Throwable t) {
                  other.completeExceptionally(t);
                } finally {
                  second.countDown();
                }
              });
      Connection a = first.get(60, TimeUnit.SECONDS);
      Connection b = other.get(60, TimeUnit.SECONDS);
      assertThat(a).isNotSameAs(b);
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
      CompletableFuture<Integer> read = new CompletableFuture<>();
      readers
          .threads()
          .execute(
              () -> {
                try (Statement s = readers.connection().createStatement()) {
                  read.complete(s.executeQuery("SELECT x FROM t").getInt(1));
                } catch (Throwable t) {
                  read.completeExceptionally(t);
                }
              });
      assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(42);
    }
  }

  @Test
  @DisplayName("a reader's connection refuses writes, and only reader threads have one")
  void readOnly() throws Exception {
    try (Readers readers = new Readers(database(), 2)) {
      CompletableFuture<Throwable> refused = new CompletableFuture<>();
      readers
          .threads()
          .execute(
              () -> {
                try (Statement s = readers.connection().createStatement()) {
                  s.execute("INSERT INTO t VALUES (1)");
                  refused.complete(null);
                } catch (Throwable t) {
                  refused.complete(t);
                }
              });
      assertThat(refused.get(60, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
      assertThatThrownBy(readers::connection).isInstanceOf(IllegalStateException.class);
    }
  }
}
