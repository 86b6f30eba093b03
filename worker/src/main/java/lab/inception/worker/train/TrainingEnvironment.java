package lab.inception.worker.train;

import java.util.Map;

/**
 * The environment variables a training process starts with. They must be set before the process
 * starts (libtorch and glibc read them once), so they are applied by whoever starts it: {@link
 * lab.inception.worker.verticle.ProcessLauncher} for a trial, the {@code inception} launcher for
 * {@code inception train}.
 */
public final class TrainingEnvironment {
  /**
   * glibc's allocator settings for training: large blocks from the heap instead of a fresh {@code
   * mmap} each (no page faults every step on re-used activation memory), the heap never trimmed,
   * one arena. Measured in {@code bench/train-throughput/allocator.sh}: the naive-block network
   * trains ~1.4× faster. Freed memory is kept until the process ends, which suits a process that
   * runs one training. A value the user set, even an empty one, is kept instead. The {@code
   * inception} launcher and the worker module's test JVM hold copies; tests keep them equal.
   */
  public static final String GLIBC_TUNABLES =
      "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736:glibc.malloc.arena_max=1";

  private TrainingEnvironment() {}

  /**
   * Sets the thread counts of the math libraries to {@code threads} and glibc's allocator settings
   * unless {@code env} has its own.
   */
  public static void apply(Map<String, String> env, int threads) {
    String n = String.valueOf(Math.max(1, threads));
    env.put("OMP_NUM_THREADS", n);
    env.put("MKL_NUM_THREADS", n);
    env.putIfAbsent("GLIBC_TUNABLES", GLIBC_TUNABLES);
  }
}
