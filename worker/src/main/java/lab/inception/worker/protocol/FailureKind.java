package lab.inception.worker.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a trial process failed, and the exit status that says so. Bad input and divergence are
 * deterministic, so the scheduler does not retry them; a crash (an exception, a native fault, an
 * out-of-memory kill) is retried from the last checkpoint.
 */
public enum FailureKind {
  /** The trial's configuration or data cannot be used: exit status 2. */
  BAD_INPUT(2),
  /** Anything else went wrong: exit status 1, or killed by a signal. */
  CRASH(1),
  /** The loss became NaN or infinite: exit status 3. */
  DIVERGED(3);

  /** The exit status of a trial process that succeeded. */
  public static final int EXIT_OK = 0;

  private final int exitStatus;

  FailureKind(int exitStatus) {
    this.exitStatus = exitStatus;
  }

  public int exitStatus() {
    return exitStatus;
  }

  /** The wire name: {@code bad-input}, {@code crash}, {@code diverged}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether a retry could end differently. */
  public boolean retryable() {
    return this == CRASH;
  }

  public static Optional<FailureKind> of(String key) {
    return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
  }

  /** The kind an exit status says (a non-zero status; signals and unknown ones are crashes). */
  public static FailureKind ofExitStatus(int status) {
    return Arrays.stream(values()).filter(k -> k.exitStatus == status).findFirst().orElse(CRASH);
  }
}
