package lab.inception.coordinator;

/**
 * How the coordinator schedules.
 *
 * @param leaseMs how long a lease holds without a heartbeat before its trial is requeued
 * @param maxRetries automatic retries of a trial whose process failed (not for bad input)
 * @param checkpointRoot directory under which each trial keeps its checkpoints (shared in a
 *     cluster)
 */
public record CoordinatorConfig(long leaseMs, int maxRetries, String checkpointRoot) {}
