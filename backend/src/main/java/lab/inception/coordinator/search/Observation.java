package lab.inception.coordinator.search;

import java.util.Map;

/**
 * What a sampler knows of one trial: its configuration and how it fared. {@code loss} holds the
 * objectives' values turned into losses (a maximised metric negated), so lower is better; a pruned
 * trial holds the first objective's value at the {@code step} (epoch) it was stopped; a pending
 * (queued or running) trial holds nothing yet.
 *
 * @param index the trial's index in its sweep (the order samplers weigh observations by)
 */
public record Observation(
    int index, Map<String, Object> config, Status status, double[] loss, int step) {

  /** The outcomes a sampler tells apart. */
  public enum Status {
    COMPLETE,
    PRUNED,
    PENDING
  }

  public static Observation complete(int index, Map<String, Object> config, double... loss) {
    return new Observation(index, config, Status.COMPLETE, loss, 0);
  }

  public static Observation pruned(int index, Map<String, Object> config, int step, double loss) {
    return new Observation(index, config, Status.PRUNED, new double[] {loss}, step);
  }

  public static Observation pending(int index, Map<String, Object> config) {
    return new Observation(index, config, Status.PENDING, new double[0], 0);
  }
}
