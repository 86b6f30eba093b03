package lab.inception.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inception serve} killed with -9 mid-sweep and started again on the same data directory.
 */
class CoordinatorRestartTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "the coordinator killed mid-sweep comes back from its database and the sweep completes, nothing lost")
  void restart() throws Exception {
    String[] args = {
      "serve",
      "--port",
      "0",
      "--data-dir",
      dir.resolve("data").toString(),
      "--lease-seconds",
      "3",
      "--workers",
      "1"
    };
    String id;
    JsonObject victim;
    try (Jvm first = new Jvm("serve-1", dir.resolve("serve-1.log"), args)) {
      Api api = new Api(first.await("serving on (http://\\S+)", 90));
      id = api.submit(EndToEndTest.tiny(2));
      victim = ClusterTest.waitCheckpointed(api, id);
      first.kill9();
    }
    try (Jvm second = new Jvm("serve-2", dir.resolve("serve-2.log"), args)) {
      Api api = new Api(second.await("serving on (http://\\S+)", 90));
      assertThat(api.object("/api/sweeps/" + id).getString("state")).isEqualTo("running");
      api.until("/api/sweeps/" + id, s -> !s.getString("state").equals("running"), 400);
      EndToEndTest.assertComplete(api, id, 2);
      assertThat(api.object("/api/trials/" + victim.getString("id")).getInteger("attempt"))
          .isGreaterThanOrEqualTo(2);
    }
  }
}
