package lab.inception.worker.verticle;

import java.io.IOException;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.TrialMessage;

/**
 * Starts the work of one leased trial in one device slot. The default, {@link ProcessLauncher},
 * starts a child JVM running the trial main class; a benchmark may use a stand-in.
 */
public interface TrialLauncher {

  /**
   * Starts the trial. The output receives the trial's JSON lines and, last, its exit; both are
   * called from a thread of the launcher's own, never from an event loop.
   */
  Running launch(Lease lease, Slot slot, Output output) throws IOException;

  /** Where a running trial reports. */
  interface Output {
    /** One line the trial printed on stdout (a JSON object by contract). */
    void line(String line);

    /** The trial ended: its exit status and, for a failure, a short reason and its log's tail. */
    void exited(TrialMessage.Exited exit);
  }

  /** A started trial. */
  interface Running {
    /** Asks it to end (SIGTERM), then ends it for certain after a grace period. */
    void stop();
  }

  /**
   * One device slot of a worker.
   *
   * @param index the slot's index on its worker
   * @param device {@code cpu} or {@code gpu:N}
   * @param threads the CPU threads a trial in this slot may use
   */
  record Slot(int index, String device, int threads) {}
}
