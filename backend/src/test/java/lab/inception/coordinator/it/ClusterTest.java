package lab.inception.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVMs on 127.0.0.1: a clustered coordinator and two workers, one killed mid-trial. */
class ClusterTest {

  @TempDir Path dir;

  static String[] clusterArgs(int port, String name) {
    return new String[] {
      "--cluster-host",
      "127.0.0.1",
      "--cluster-members",
      "127.0.0.1",
      "--cluster-port",
      String.valueOf(port),
      "--cluster-name",
      name,
      "--cluster-failure-seconds",
      "4"
    };
  }

  static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The first running trial that has written a checkpoint, or null. */
  static JsonObject checkpointed(Api api, String sweep) throws Exception {
    JsonArray trials = api.array("/api/sweeps/" + sweep + "/trials");
    for (int i = 0; i < trials.size(); i++) {
      JsonObject t = trials.getJsonObject(i);
      if (t.getString("state").equals("running")
          && t.getValue("checkpoint") != null
          && t.getString("worker") != null) return t;
    }
    return null;
  }

  static JsonObject waitCheckpointed(Api api, String sweep) throws Exception {
    long end = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < end) {
      JsonObject t = checkpointed(api, sweep);
      if (t != null) return t;
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no trial reached a checkpoint: " + api.get("/api/sweeps/" + sweep + "/trials"));
  }

  @Test
  @DisplayName(
      "kill -9 of a worker mid-trial: its trial resumes on the other worker and every trial completes, each step stored once")
  void workerKilled() throws Exception {
    int port = 6000 + ThreadLocalRandom.current().nextInt(2000);
    String name = "it-" + UUID.randomUUID();
    String[] cluster = clusterArgs(port, name);
    int busPort = port + 3000;
    try (Jvm coord =
            new Jvm(
                "coordinator",
                dir.resolve("coordinator.log"),
                concat(
                    new String[] {"serve", "--cluster"},
                    concat(
                        cluster,
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--checkpoint-dir",
                        dir.resolve("ckpt").toString(),
                        "--lease-seconds",
                        "20",
                        "--bus-port",
                        String.valueOf(busPort))));
        Jvm w1 =
            new Jvm(
                "worker1",
                dir.resolve("worker1.log"),
                concat(
                    new String[] {"worker"},
                    concat(cluster, "--devices", "cpu", "--heartbeat-ms", "1000")));
        Jvm w2 =
            new Jvm(
                "worker2",
                dir.resolve("worker2.log"),
                concat(
                    new String[] {"worker"},
                    concat(cluster, "--devices", "cpu", "--heartbeat-ms", "1000")))) {
      Api api = new Api(coord.await("serving on (http://\\S+)", 90));
      assertThatCode(() -> new Socket("127.0.0.1", busPort).close())
          .as("the event bus listens on --bus-port")
          .doesNotThrowAnyException();
      Map<String, Jvm> workers =
          Map.of(
              w1.await("worker (w-\\S+) joined", 90),
              w1,
              w2.await("worker (w-\\S+) joined", 90),
              w2);
      assertThat(api.until("/api/cluster", c -> c.getInteger("size") == 3, 60).getInteger("size"))
          .isEqualTo(3);
      String id = api.submit(EndToEndTest.tiny(2));
      JsonObject victim = waitCheckpointed(api, id);
      Jvm killed = workers.get(victim.getString("worker"));
      assertThat(killed).as("worker " + victim.getString("worker")).isNotNull();
      killed.kill9();
      api.until("/api/cluster", c -> c.getInteger("size") == 2, 60);
      api.until("/api/sweeps/" + id, s -> !s.getString("state").equals("running"), 400);
      EndToEndTest.assertComplete(api, id, 2);
      JsonObject t = api.object("/api/trials/" + victim.getString("id"));
      assertThat(t.getInteger("attempt")).isGreaterThanOrEqualTo(2);
      JsonArray loss =
          api.array("/api/trials/" + victim.getString("id") + "/metrics?name=train_loss");
      assertThat(loss.stream().map(o -> ((JsonObject) o).getInteger("attempt")).distinct().count())
          .isEqualTo(2);
    }
  }
}
