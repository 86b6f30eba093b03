package lab.inception.coordinator;

/** Local (never clustered) addresses on which the HTTP API asks the coordinator to act. */
public final class CoordinatorAddresses {
  /** {@code {"spec": SweepSpec json, "source": text}} → {@code {"id"}}. */
  public static final String SWEEP_SUBMIT = "coordinator.sweep.submit";

  /** {@code {"sweep": id, "action": cancel|pause|resume}} → the sweep's state. */
  public static final String SWEEP_CONTROL = "coordinator.sweep.control";

  /**
   * {@code {"sweep": id}} → {@code {"id", "trials"}}: deletes a finished sweep, its trials, metric
   * points and checkpoint directory (409 while it runs or is paused).
   */
  public static final String SWEEP_DELETE = "coordinator.sweep.delete";

  /** {@code {"trial": id}} → the trial. */
  public static final String TRIAL_RETRY = "coordinator.trial.retry";

  /** {@code {}} → {@code {"workers": [...]}}. */
  public static final String WORKERS = "coordinator.workers.list";

  /** Published by the cluster watcher: {@code {"node": id}} left the cluster. */
  public static final String NODE_LEFT = "coordinator.node.left";

  private CoordinatorAddresses() {}
}
