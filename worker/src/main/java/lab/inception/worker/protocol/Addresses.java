package lab.inception.worker.protocol;

/**
 * Event-bus addresses, {@code <domain>.<entity>.<action>}. Commands are request/reply; facts are
 * published.
 */
public final class Addresses {

  /**
   * Command: a worker with a free slot asks for one trial; reply {@link Lease} or an empty body.
   */
  public static final String LEASE_REQUEST = "trial.lease.request";

  /** Fact (sent to the coordinator): a batch of metric points, {@link MetricBatch}. */
  public static final String METRICS = "trial.metrics";

  /**
   * Fact (sent to the coordinator): a trial started, checkpointed, finished or failed, {@link
   * TrialEvent}.
   */
  public static final String TRIAL_EVENT = "trial.event";

  /**
   * Command: a worker's heartbeat, {@link Heartbeat}; the reply renews its leases and names trials
   * to stop.
   */
  public static final String HEARTBEAT = "worker.heartbeat";

  /** Fact (published): trials are waiting; idle workers ask for leases now. */
  public static final String WORK_AVAILABLE = "trial.work.available";

  private static final String WORKER_CONTROL = "worker.control.";

  private Addresses() {}

  /** Command to one worker: stop a trial ({@link StopTrial}). */
  public static String workerControl(String workerId) {
    return WORKER_CONTROL + workerId;
  }
}
