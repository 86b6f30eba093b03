package lab.inception.coordinator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.cluster.Cluster;
import lab.inception.coordinator.cluster.ClusterConfig;
import lab.inception.coordinator.http.HttpApiVerticle;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.coordinator.store.Store;
import lab.inception.worker.verticle.TrainingWorkerVerticle;
import lab.inception.worker.verticle.TrialLauncher;
import lab.inception.worker.verticle.WorkerConfig;

/**
 * {@code inception serve}: the store, the coordinator, the HTTP API and the local workers in one
 * JVM, optionally as a member of a Hazelcast cluster.
 */
public final class Server implements AutoCloseable {

  /**
   * Everything {@code serve} is told.
   *
   * @param dataDir the database's directory
   * @param checkpointDir the trials' checkpoints (shared with remote workers in a cluster)
   * @param http where the API listens
   * @param cluster null for the embedded default
   * @param workers local worker slots
   * @param devices the local workers' devices
   * @param leaseMs lease duration without heartbeat
   * @param launcher how local workers run trials
   */
  public record Options(
      Path dataDir,
      Path checkpointDir,
      HttpConfig http,
      ClusterConfig cluster,
      int workers,
      String devices,
      long leaseMs,
      TrialLauncher launcher) {}

  private final Vertx vertx;
  private final Store store;
  private final HttpApiVerticle api;

  private Server(Vertx vertx, Store store, HttpApiVerticle api) {
    this.vertx = vertx;
    this.store = store;
    this.api = api;
  }

  /** Starts everything; blocking (call from a main thread). */
  public static Server start(Options o) throws Exception {
    o.http().checked();
    Vertx vertx = o.cluster() == null ? Vertx.vertx() : await(Cluster.start(o.cluster()));
    Store store;
    try {
      store = Store.open(vertx, o.dataDir());
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    try {
      EventHub hub = new EventHub(System.currentTimeMillis(), 200_000);
      CoordinatorConfig cc =
          new CoordinatorConfig(o.leaseMs(), 2, o.checkpointDir().toAbsolutePath().toString());
      await(vertx.deployVerticle(new CoordinatorVerticle(store, hub, cc)));
      if (o.cluster() != null) Cluster.watchMembers(vertx);
      HttpApiVerticle api = new HttpApiVerticle(store, hub, o.http());
      await(vertx.deployVerticle(api));
      if (o.workers() > 0) {
        int cores = Runtime.getRuntime().availableProcessors();
        WorkerConfig wc =
            new WorkerConfig(
                WorkerConfig.newId(),
                WorkerConfig.slots(o.devices(), o.workers(), cores),
                Math.max(200, o.leaseMs() / 5),
                2000,
                25);
        await(vertx.deployVerticle(new TrainingWorkerVerticle(wc, o.launcher())));
      }
      return new Server(vertx, store, api);
    } catch (Exception e) {
      store.close();
      vertx.close();
      throw e;
    }
  }

  public int port() {
    return api.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception x) throw x;
      throw e;
    }
  }

  /** Undeploys everything (stopping local trials), closes Vert.x, then the store. */
  @Override
  public void close() {
    List<Future<?>> fs = new ArrayList<>();
    fs.add(vertx.close());
    try {
      await(Future.all(fs));
    } catch (Exception e) {
      // closing anyway
    }
    store.close();
  }
}
