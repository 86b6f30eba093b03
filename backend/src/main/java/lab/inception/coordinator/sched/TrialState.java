package lab.inception.coordinator.sched;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a trial and the moves between them. The scheduler moves trials only through {@link
 * Trial#moveTo}, which refuses a move not listed here.
 *
 * <pre>
 * queued ──lease──▶ running ──result──▶ completed
 *   ▲                 │ ├──rung─────▶ pruned
 *   └──requeue────────┘ ├──failure──▶ failed
 *   ▲                   └──cancel───▶ cancelled   (queued ──cancel──▶ cancelled too)
 *   └──retry── failed | pruned | cancelled
 * </pre>
 */
public enum TrialState {
  QUEUED,
  RUNNING,
  COMPLETED,
  PRUNED,
  FAILED,
  CANCELLED;

  /** The wire name: {@code queued}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TrialState> of(String key) {
    return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
  }

  /** Whether the trial is done with (until a retry). */
  public boolean terminal() {
    return this != QUEUED && this != RUNNING;
  }

  /** Whether its trial produced a result a sweep counts as done (completed or pruned). */
  public boolean succeeded() {
    return this == COMPLETED || this == PRUNED;
  }

  /** The states this one may move to. */
  public Set<TrialState> next() {
    return switch (this) {
      case QUEUED -> EnumSet.of(RUNNING, CANCELLED);
      case RUNNING -> EnumSet.of(QUEUED, COMPLETED, PRUNED, FAILED, CANCELLED);
      case PRUNED, FAILED, CANCELLED -> EnumSet.of(QUEUED);
      case COMPLETED -> EnumSet.noneOf(TrialState.class);
    };
  }

  public boolean canMoveTo(TrialState to) {
    return next().contains(to);
  }
}
