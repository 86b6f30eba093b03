package lab.inception.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.inception.coordinator.CoordinatorConfig;
import lab.inception.coordinator.CoordinatorVerticle;
import lab.inception.coordinator.EventHub;
import lab.inception.coordinator.store.Store;
import lab.inception.coordinator.sweep.SweepParser;
import lab.inception.worker.train.TrainingEnvironment;
import lab.inception.worker.verticle.ProcessLauncher;
import lab.inception.worker.verticle.TrainingWorkerVerticle;
import lab.inception.worker.verticle.WorkerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinator and worker in one JVM, each trial a real child process (speaking TrialMain's
 * contract).
 */
@ExtendWith(VertxExtension.class)
class EmbeddedRunTest {

  @TempDir Path dir;
  Store store;

  @AfterEach
  void close() {
    if (store != null) store.close();
  }

  private String start(Vertx vertx, String sweep, List<String> childOptions, int slots)
      throws Exception {
    store = Store.open(vertx, dir);
    EventHub hub = new EventHub(1, 100_000);
    await(
        vertx.deployVerticle(
            new CoordinatorVerticle(
                store, hub, new CoordinatorConfig(10_000, 1, dir.resolve("ckpt").toString()))));
    JsonObject reply =
        await(
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        "coordinator.sweep.submit",
                        new JsonObject()
                            .put("spec", SweepParser.parse(sweep).toJson())
                            .put("source", sweep)))
            .body();
    WorkerConfig wc = new WorkerConfig("w-test", WorkerConfig.slots("cpu", slots, 2), 500, 500, 20);
    await(
        vertx.deployVerticle(
            new TrainingWorkerVerticle(
                wc, new ProcessLauncher(ContractTrial.class.getName(), childOptions, 2000))));
    return reply.getString("id");
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private JsonObject waitFor(String sweep, String state) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < end) {
      JsonObject s = await(store.sweep(sweep));
      if (s.getString("state").equals(state)) return s;
      Thread.sleep(100);
    }
    throw new AssertionError(
        "sweep never became "
            + state
            + ": "
            + await(store.sweep(sweep))
            + " "
            + await(store.trials(sweep)));
  }

  @Test
  @DisplayName(
      "a trial process that crashes is retried and resumes from its checkpoint; every step is stored once")
  void crashRetryResume(Vertx vertx) throws Exception {
    String id =
        start(
            vertx,
            "parameters: {model: googlenet, lr: [0.1, 0.2, 0.3], epochs: 3}",
            List.of("-Dcontract.crashAttempt=1"),
            2);
    waitFor(id, "completed");
    JsonArray trials = await(store.trials(id));
    for (int i = 0; i < trials.size(); i++) {
      JsonObject t = trials.getJsonObject(i);
      assertThat(t.getString("state")).isEqualTo("completed");
      assertThat(t.getInteger("attempt")).isEqualTo(2);
      assertThat(t.getLong("params")).isEqualTo(1000);
      assertThat(t.getDouble("testAccuracy"))
          .isEqualTo(t.getJsonObject("parameters").getDouble("lr") * 3);
      JsonArray loss = await(store.metrics(t.getString("id"), -1, "train_loss", 1000));
      assertThat(loss.stream().map(o -> ((JsonObject) o).getLong("step")))
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
      assertThat(loss.stream().map(o -> ((JsonObject) o).getInteger("attempt")))
          .containsExactly(1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
      Path ckpt = dir.resolve("ckpt").resolve(id).resolve(t.getString("id"));
      assertThat(Files.readString(ckpt.resolve("attempt-1.log"))).isEmpty();
      // two slots share the worker's 2 cores: one thread each; the training allocator settings
      assertThat(Files.readString(ckpt.resolve("env-2")))
          .isEqualTo(
              "GLIBC_TUNABLES="
                  + System.getenv()
                      .getOrDefault("GLIBC_TUNABLES", TrainingEnvironment.GLIBC_TUNABLES)
                  + "\nOMP_NUM_THREADS=1\nMKL_NUM_THREADS=1\n");
    }
  }

  @Test
  @DisplayName("cancelling a sweep ends its running trial processes for certain")
  void cancelKills(Vertx vertx) throws Exception {
    String id =
        start(
            vertx,
            "parameters: {model: googlenet, lr: [0.1], epochs: 50}",
            List.of("-Dcontract.stepMs=200"),
            1);
    String trial = id + "-t000";
    Path pidFile = dir.resolve("ckpt").resolve(id).resolve(trial).resolve("pid-1");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    // the trial writes its pid file while we look: wait until it holds the whole number
    while (!(Files.exists(pidFile) && Files.readString(pidFile).strip().matches("\\d+"))
        && System.nanoTime() < end) Thread.sleep(50);
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    await(
        vertx
            .eventBus()
            .request(
                "coordinator.sweep.control",
                new JsonObject().put("sweep", id).put("action", "cancel")));
    end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() < end) Thread.sleep(50);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(await(store.trial(trial)).getString("state")).isEqualTo("cancelled");
  }

  @Test
  @DisplayName(
      "ASHA prunes the trials below the cutoff at a rung; pruned trials keep their curves and can be retried")
  void ashaPrunes(Vertx vertx) throws Exception {
    String id =
        start(
            vertx,
            "parameters: {model: googlenet, lr: [0.3, 0.2, 0.1], epochs: 4}\n"
                + "earlyStopping: {type: asha, metric: val_accuracy, gracePeriod: 1, reductionFactor: 2}",
            List.of("-Dcontract.stepMs=20"),
            1);
    waitFor(id, "completed");
    JsonArray trials = await(store.trials(id));
    assertThat(trials.stream().map(o -> ((JsonObject) o).getString("state")))
        .containsExactly("completed", "pruned", "pruned");
    JsonObject pruned = trials.getJsonObject(1);
    assertThat(pruned.getInteger("prunedAtRung")).isEqualTo(1);
    JsonArray curve = await(store.metrics(pruned.getString("id"), -1, "val_accuracy", 100));
    assertThat(curve.stream().map(o -> ((JsonObject) o).getInteger("epoch"))).containsExactly(1);
    await(
        vertx
            .eventBus()
            .request(
                "coordinator.trial.retry", new JsonObject().put("trial", pruned.getString("id"))));
    waitFor(id, "completed");
    JsonObject again = await(store.trial(pruned.getString("id")));
    assertThat(again.getString("state")).isEqualTo("completed");
    assertThat(again.getInteger("attempt")).isEqualTo(2);
    assertThat(
            await(store.metrics(pruned.getString("id"), -1, "val_accuracy", 100)).stream()
                .map(o -> ((JsonObject) o).getInteger("epoch")))
        .containsExactly(1, 2, 3, 4);
  }
}
