package lab.inception.worker.verticle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

  @Test
  @DisplayName("--devices gives one slot per GPU, or CPU slots sharing the cores")
  void slots() {
    assertThat(WorkerConfig.slots("gpu:0,1", 1, 16))
        .containsExactly(
            new TrialLauncher.Slot(0, "gpu:0", 8), new TrialLauncher.Slot(1, "gpu:1", 8));
    assertThat(WorkerConfig.slots("cpu", 2, 2))
        .containsExactly(new TrialLauncher.Slot(0, "cpu", 1), new TrialLauncher.Slot(1, "cpu", 1));
    assertThat(WorkerConfig.slots("auto", 1, 4))
        .containsExactly(new TrialLauncher.Slot(0, "cpu", 4));
    assertThatThrownBy(() -> WorkerConfig.slots("tpu", 1, 4))
        .hasMessageContaining("--devices must be auto, cpu or gpu:0,1");
    assertThatThrownBy(() -> WorkerConfig.slots("gpu:a", 1, 4)).hasMessageContaining("GPU indices");
  }

  /** A trial main that never ends by itself. */
  public static final class Forever {
    public static void main(String[] args) throws Exception {
      Thread.sleep(600_000);
    }
  }

  @Test
  @DisplayName("a trial process ends by itself when its worker's end of stdin closes")
  void childDiesWithWorker() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ChildMain.class.getName(),
                Forever.class.getName())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(1500, TimeUnit.MILLISECONDS)).isFalse();
    p.getOutputStream().close();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
    assertThat(List.of(p.isAlive())).containsExactly(false);
  }
}
