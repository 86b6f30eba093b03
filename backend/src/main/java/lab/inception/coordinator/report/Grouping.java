package lab.inception.coordinator.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A sweep's results grouped by one parameter: per value, the mean and the spread (min–max) of each
 * accuracy column over the trials that have one. Pure: rows in, groups out.
 */
public final class Grouping {

  /** The accuracy columns of a results row that groups summarise. */
  public static final List<String> ACCURACIES =
      List.of("bestValAccuracy", "finalValAccuracy", "testAccuracy");

  private Grouping() {}

  /** Mean and extremes of the values of one column in one group; {@code n} values. */
  public record Stats(int n, double mean, double min, double max) {}

  /**
   * One value of the grouping parameter.
   *
   * @param value the parameter's value as JSON writes it ({@code 0.1}, {@code naive})
   * @param trials the group's rows
   * @param stats per accuracy column, absent where no trial of the group has a value
   */
  public record Group(String value, int trials, Map<String, Stats> stats) {}

  /** Every parameter of the rows, in the spec's order first, then as the rows name them. */
  public static List<String> parameters(JsonArray rows, Iterable<String> specOrder) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> present = new LinkedHashSet<>();
    for (int i = 0; i < rows.size(); i++)
      present.addAll(rows.getJsonObject(i).getJsonObject("parameters").fieldNames());
    for (String n : specOrder) if (present.contains(n)) names.add(n);
    names.addAll(present);
    return new ArrayList<>(names);
  }

  /** The parameters whose value differs between rows, in {@link #parameters} order. */
  public static List<String> varying(JsonArray rows, Iterable<String> specOrder) {
    List<String> out = new ArrayList<>();
    for (String p : parameters(rows, specOrder)) {
      Set<String> values = new LinkedHashSet<>();
      for (int i = 0; i < rows.size(); i++) values.add(value(rows.getJsonObject(i), p));
      if (values.size() > 1) out.add(p);
    }
    return out;
  }

  /** The default grouping parameter: the first that varies, if any. */
  public static Optional<String> defaultParameter(JsonArray rows, Iterable<String> specOrder) {
    return varying(rows, specOrder).stream().findFirst();
  }

  /** The groups of {@code parameter}'s values, in the order the values first appear. */
  public static List<Group> by(JsonArray rows, String parameter) {
    Map<String, List<JsonObject>> members = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      members.computeIfAbsent(value(r, parameter), k -> new ArrayList<>()).add(r);
    }
    List<Group> out = new ArrayList<>();
    members.forEach((v, rs) -> out.add(new Group(v, rs.size(), stats(rs))));
    return out;
  }

  private static Map<String, Stats> stats(List<JsonObject> rows) {
    Map<String, Stats> m = new LinkedHashMap<>();
    for (String col : ACCURACIES) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int n = 0;
      for (JsonObject r : rows) {
        Double v = r.getDouble(col);
        if (v == null) continue;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        n++;
      }
      if (n > 0) m.put(col, new Stats(n, sum / n, min, max));
    }
    return m;
  }

  /** A row's value of a parameter as JSON writes it; {@code —} where the row has none. */
  public static String value(JsonObject row, String parameter) {
    Object v = row.getJsonObject("parameters").getValue(parameter);
    return v == null ? "—" : v.toString();
  }
}
