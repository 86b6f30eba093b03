package lab.inception.worker.verticle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.train.TrialConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessLauncherTest {

  private static final ProcessLauncher LAUNCHER = ProcessLauncher.standard();

  private static ProcessLauncher.Launch plan(TrialLauncher.Slot slot, Map<String, String> env) {
    Lease lease =
        new Lease(
            "s-t000", "s", 2, new JsonObject(TrialConfig.defaults().toMap()), "/ckpt/s/s-t000");
    return LAUNCHER.plan(
        lease,
        slot,
        Path.of("/ckpt/s/s-t000/attempt-2-config.json"),
        Path.of("/ckpt/s/s-t000"),
        env);
  }

  @Test
  @DisplayName(
      "a two-GPU worker's slots each expose one GPU to their trial, which sees it as gpu:0")
  void twoGpuWorker() {
    List<TrialLauncher.Slot> slots = WorkerConfig.slots("gpu:0,1", 1, 16);
    assertThat(slots).extracting(TrialLauncher.Slot::device).containsExactly("gpu:0", "gpu:1");
    for (TrialLauncher.Slot slot : slots) {
      ProcessLauncher.Launch l = plan(slot, Map.of("CUDA_VISIBLE_DEVICES", "0,1", "PATH", "/bin"));
      String gpu = slot.device().substring(4);
      assertThat(l.environment()).containsEntry("CUDA_VISIBLE_DEVICES", gpu);
      assertThat(l.environment()).containsEntry("PATH", "/bin");
      assertThat(l.config().getString("device")).isEqualTo("gpu:0");
      assertThat(l.config().getInteger("threads")).isEqualTo(slot.threads());
      assertThat(l.command())
          .contains("-Dai.djl.pytorch.num_threads=" + slot.threads())
          .containsSubsequence("--attempt", "2")
          .containsSubsequence("--checkpoint-dir", "/ckpt/s/s-t000");
    }
  }

  @Test
  @DisplayName("a CPU slot leaves CUDA_VISIBLE_DEVICES alone and keeps its device")
  void cpuSlot() {
    ProcessLauncher.Launch l = plan(new TrialLauncher.Slot(0, "cpu", 2), Map.of());
    assertThat(l.environment()).doesNotContainKey("CUDA_VISIBLE_DEVICES");
    assertThat(l.environment()).containsEntry("OMP_NUM_THREADS", "2");
    assertThat(l.config().getString("device")).isEqualTo("cpu");
  }
}
