package lab.inception.coordinator.sweep;

import java.util.List;
import java.util.Optional;
import lab.inception.worker.train.TrialParameter;

/**
 * Checks sweep values against {@link TrialParameter}'s table and words the problems with their
 * paths; the table itself holds every type, default, choice and range.
 */
final class ParameterRules {

  private ParameterRules() {}

  /** The parameter of a name, if a sweep may name it at all. */
  static Optional<TrialParameter> parameter(String name) {
    return TrialParameter.of(name);
  }

  /**
   * Checks one value of a parameter and returns it in its proper Java type, or reports a problem
   * and returns null.
   */
  static Object check(TrialParameter p, Object v, String path, List<Problem> out) {
    Object typed = p.typed(v);
    if (typed == null) {
      out.add(
          new Problem(
              path, "expected " + p.expected() + ", got " + SweepFiles.kind(v) + describe(v)));
      return null;
    }
    String why = p.whyNot(typed);
    if (why != null) {
      out.add(new Problem(path, why));
      return null;
    }
    return typed;
  }

  private static String describe(Object v) {
    return v instanceof String || v instanceof Number || v instanceof Boolean ? " '" + v + "'" : "";
  }
}
