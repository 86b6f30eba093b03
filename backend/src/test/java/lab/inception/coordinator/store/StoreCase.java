package lab.inception.coordinator.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test over a real store in a temporary directory, opened before and closed after each test. */
public abstract class StoreCase {

  @TempDir protected Path dir;
  protected Vertx vertx;
  protected Store store;

  @BeforeEach
  void openStore() throws Exception {
    vertx = Vertx.vertx();
    store = Store.open(vertx, dir);
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
