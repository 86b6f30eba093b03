package lab.inception.coordinator.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters a report groups its results by, as {@code --group-by} and {@code ?groupBy=} name
 * them: one parameter ({@code lr}), a comma-separated list ({@code model,block,auxWeight}: a group
 * is one combination of their values) or {@code all-but:} and a list ({@code all-but:seed}: every
 * parameter that varies but those). Nothing given: the first parameter that varies.
 *
 * @param parameters the grouping parameters in the order their label columns appear; empty: no
 *     grouping (the trials have no parameter)
 */
public record GroupBy(List<String> parameters) {

  /** The prefix of "every parameter that varies but these". */
  public static final String ALL_BUT = "all-but:";

  public GroupBy {
    parameters = List.copyOf(parameters);
  }

  /**
   * Reads a group-by text against a sweep's trials.
   *
   * @param text the option's value, or null or blank for the default
   * @param known every parameter of the trials ({@link Grouping#parameters})
   * @param varying the parameters whose value differs between trials ({@link Grouping#varying})
   * @throws IllegalArgumentException on an unknown or empty item, an item given twice, or an {@code
   *     all-but:} that leaves no parameter that varies
   */
  public static GroupBy parse(String text, List<String> known, List<String> varying) {
    if (text == null || text.isBlank())
      return new GroupBy(
          varying.isEmpty() ? known.stream().limit(1).toList() : varying.subList(0, 1));
    String t = text.strip();
    if (!t.startsWith(ALL_BUT)) return new GroupBy(names(t, known));
    List<String> excluded = names(t.substring(ALL_BUT.length()), known);
    List<String> rest = new ArrayList<>(varying);
    rest.removeAll(excluded);
    if (rest.isEmpty())
      throw new IllegalArgumentException(
          "group-by '"
              + t
              + "' leaves no parameter that varies; the varying ones are: "
              + String.join(", ", varying));
    return new GroupBy(rest);
  }

  /** The names of a comma-separated list, each a known parameter, none empty or repeated. */
  private static List<String> names(String list, List<String> known) {
    Set<String> out = new LinkedHashSet<>();
    for (String item : list.split(",", -1)) {
      String name = item.strip();
      if (name.isEmpty())
        throw new IllegalArgumentException(
            "empty group-by parameter in '"
                + list
                + "'; separate parameter names by single commas");
      if (!known.contains(name))
        throw new IllegalArgumentException(
            "unknown group-by parameter '"
                + name
                + "'; the trials have: "
                + String.join(", ", known));
      if (!out.add(name))
        throw new IllegalArgumentException("group-by parameter '" + name + "' is given twice");
    }
    return new ArrayList<>(out);
  }

  /** Whether the report has a grouped section at all. */
  public boolean any() {
    return !parameters.isEmpty();
  }

  /** The grouped section's name: the parameters, comma-separated. */
  public String label() {
    return String.join(", ", parameters);
  }
}
