package lab.inception.coordinator.sched;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a sweep and the moves between them; the scheduler moves sweeps only through {@link
 * Sweep#moveTo}.
 *
 * <pre>
 * running ⇄ paused;  running | paused ──every trial done──▶ completed (some succeeded) | failed
 * running | paused ──cancel──▶ cancelled;  completed | failed | cancelled ──retry of a trial──▶ running
 * </pre>
 */
public enum SweepState {
  RUNNING,
  PAUSED,
  COMPLETED,
  CANCELLED,
  FAILED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SweepState> of(String key) {
    return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
  }

  /** Whether the sweep has ended (a retry can start it again). */
  public boolean finished() {
    return this == COMPLETED || this == CANCELLED || this == FAILED;
  }

  public Set<SweepState> next() {
    return switch (this) {
      case RUNNING -> EnumSet.of(PAUSED, COMPLETED, CANCELLED, FAILED);
      case PAUSED -> EnumSet.of(RUNNING, COMPLETED, CANCELLED, FAILED);
      case COMPLETED, CANCELLED, FAILED -> EnumSet.of(RUNNING);
    };
  }

  public boolean canMoveTo(SweepState to) {
    return next().contains(to);
  }
}
