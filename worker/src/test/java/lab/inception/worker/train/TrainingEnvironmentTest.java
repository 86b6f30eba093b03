package lab.inception.worker.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrainingEnvironmentTest {

  @Test
  @DisplayName("a training process gets the slot's thread counts and the allocator settings")
  void defaults() {
    Map<String, String> env = new HashMap<>(Map.of("OMP_NUM_THREADS", "16", "PATH", "/usr/bin"));
    TrainingEnvironment.apply(env, 2);
    assertThat(env)
        .containsEntry("OMP_NUM_THREADS", "2")
        .containsEntry("MKL_NUM_THREADS", "2")
        .containsEntry("GLIBC_TUNABLES", TrainingEnvironment.GLIBC_TUNABLES)
        .containsEntry("PATH", "/usr/bin");
  }

  @Test
  @DisplayName("the user's own GLIBC_TUNABLES, even an empty one, is kept")
  void userSettingWins() {
    Map<String, String> own = new HashMap<>(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=4"));
    TrainingEnvironment.apply(own, 1);
    assertThat(own).containsEntry("GLIBC_TUNABLES", "glibc.malloc.arena_max=4");
    Map<String, String> empty = new HashMap<>(Map.of("GLIBC_TUNABLES", ""));
    TrainingEnvironment.apply(empty, 1);
    assertThat(empty).containsEntry("GLIBC_TUNABLES", "");
  }

  @Test
  @DisplayName("the tests of this module train under the same allocator settings")
  void testJvmHasTheSettings() {
    assertThat(System.getenv("GLIBC_TUNABLES")).isEqualTo(TrainingEnvironment.GLIBC_TUNABLES);
  }

  @Test
  @DisplayName("`inception train` gets the same allocator settings from the launcher")
  void launcherHasTheSettings() throws IOException {
    String launcher = Files.readString(Path.of("..", "inception"));
    assertThat(launcher)
        .contains("export GLIBC_TUNABLES='" + TrainingEnvironment.GLIBC_TUNABLES + "'");
  }
}
