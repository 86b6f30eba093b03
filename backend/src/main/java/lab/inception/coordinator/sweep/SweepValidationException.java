package lab.inception.coordinator.sweep;

import java.util.List;
import java.util.stream.Collectors;

/** A sweep file that cannot be run, with every problem found in it. */
public final class SweepValidationException extends IllegalArgumentException {

  private final transient List<Problem> problems;

  public SweepValidationException(List<Problem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    if (problems.size() == 1) return "invalid sweep: " + problems.get(0);
    return "invalid sweep ("
        + problems.size()
        + " problems): "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
