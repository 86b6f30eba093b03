package lab.inception.worker.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Engine set-up for a trial: thread counts within the cores given, and the device. */
public final class Engines {

  private Engines() {}

  /**
   * The intra-op thread count for a trial: {@code threads}, or every available core when 0, never
   * more than the cores this process may use.
   */
  public static int threadsFor(int threads) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads < 0)
      throw new IllegalArgumentException("threads must be ≥ 0 (got " + threads + ")");
    return threads == 0 ? cores : Math.min(threads, cores);
  }

  /**
   * Sets PyTorch's intra-op threads to {@code threadsFor(threads)} and inter-op threads to 1. Takes
   * full effect when called before the engine starts (a trial process); afterwards the intra-op
   * count still changes.
   *
   * @return the intra-op thread count in effect
   */
  public static int configureThreads(int threads) {
    int n = threadsFor(threads);
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(n);
    return JniUtils.getNumThreads();
  }

  /** The device of {@code auto}, {@code cpu} or {@code gpu:N}. */
  public static Device device(String spec) {
    String s = spec == null ? "auto" : spec.trim();
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    if (s.equals("auto")) return gpus > 0 ? Device.gpu(0) : Device.cpu();
    if (s.equals("cpu")) return Device.cpu();
    if (s.startsWith("gpu:")) {
      int n;
      try {
        n = Integer.parseInt(s.substring(4));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("device '" + spec + "': expected auto, cpu or gpu:N");
      }
      if (n < 0 || n >= gpus) {
        throw new IllegalArgumentException(
            "device '"
                + spec
                + "': the engine sees "
                + gpus
                + " GPU(s)"
                + (gpus == 0 ? "" : " (gpu:0..gpu:" + (gpus - 1) + ")"));
      }
      return Device.gpu(n);
    }
    throw new IllegalArgumentException("device '" + spec + "': expected auto, cpu or gpu:N");
  }
}
