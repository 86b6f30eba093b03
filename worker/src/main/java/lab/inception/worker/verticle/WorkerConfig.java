package lab.inception.worker.verticle;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A worker's configuration: its id, its slots and how often it reports.
 *
 * @param id the worker's id (unique in the cluster)
 * @param slots one per device; a trial per slot at a time
 * @param heartbeatMs how often the worker renews its leases
 * @param pollMs how often an idle slot asks for work without being told there is some
 * @param metricFlushMs how long metric points wait to be sent together
 */
public record WorkerConfig(
    String id, List<TrialLauncher.Slot> slots, long heartbeatMs, long pollMs, long metricFlushMs) {

  /**
   * Slots for a {@code --devices} value: {@code cpu} (or {@code auto} without GPUs) gives {@code
   * cpuSlots} CPU slots sharing the cores; {@code gpu:0,1} one slot per GPU.
   */
  public static List<TrialLauncher.Slot> slots(String devices, int cpuSlots, int cores) {
    List<TrialLauncher.Slot> out = new ArrayList<>();
    String d = devices == null ? "auto" : devices.trim();
    if (d.startsWith("gpu:")) {
      String[] ids = d.substring(4).split(",");
      for (int i = 0; i < ids.length; i++) {
        String gpu = ids[i].trim();
        if (!gpu.matches("\\d+")) {
          throw new IllegalArgumentException(
              "--devices gpu: takes GPU indices, e.g. gpu:0,1 (got " + devices + ")");
        }
        out.add(new TrialLauncher.Slot(i, "gpu:" + gpu, Math.max(1, cores / ids.length)));
      }
      return out;
    }
    if (!d.equals("cpu") && !d.equals("auto")) {
      throw new IllegalArgumentException(
          "--devices must be auto, cpu or gpu:0,1,... (got " + devices + ")");
    }
    int n = Math.max(1, cpuSlots);
    for (int i = 0; i < n; i++) out.add(new TrialLauncher.Slot(i, "cpu", Math.max(1, cores / n)));
    return out;
  }

  public static String newId() {
    return "w-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
