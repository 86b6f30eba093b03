package lab.inception.coordinator.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import lab.inception.coordinator.http.Results;
import lab.inception.worker.train.TrialParameter;

/**
 * A sweep's results grouped by one or more parameters: per combination of their values, the mean,
 * the sample standard deviation and the spread (min–max) of each accuracy column, and the mean of
 * each cost column, over the trials that have one. Pure: rows in, groups out.
 */
public final class Grouping {

  /** The accuracy columns of a results row that groups summarise. */
  public static final List<String> ACCURACIES =
      List.of("bestValAccuracy", "finalValAccuracy", "testAccuracy");

  /** The other outcome columns of a results row (size, cost and speed), in the results' order. */
  public static final List<String> COSTS =
      Results.OUTCOMES.stream().filter(o -> !ACCURACIES.contains(o)).toList();

  private static final List<String> SUMMARISED =
      Stream.concat(ACCURACIES.stream(), COSTS.stream()).toList();

  private Grouping() {}

  /**
   * Mean, extremes and spread of the values of one column in one group.
   *
   * @param n how many of the group's trials have a value
   * @param std the sample standard deviation (divided by n − 1); empty when {@code n < 2}
   */
  public record Stats(int n, double mean, double min, double max, OptionalDouble std) {

    /** The statistics of some values; empty when there are none. */
    static Optional<Stats> of(List<Double> values) {
      int n = values.size();
      if (n == 0) return Optional.empty();
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : values) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double mean = sum / n;
      double squares = 0;
      for (double v : values) squares += (v - mean) * (v - mean);
      OptionalDouble std =
          n < 2 ? OptionalDouble.empty() : OptionalDouble.of(Math.sqrt(squares / (n - 1)));
      return Optional.of(new Stats(n, mean, min, max, std));
    }
  }

  /**
   * One combination of the grouping parameters' values.
   *
   * @param values each grouping parameter's value as {@link #value} writes it ({@code 0.1}, {@code
   *     naive}, {@code —}), in the parameters' order
   * @param trials the group's rows
   * @param stats per {@link #ACCURACIES} and {@link #COSTS} column, absent where no trial of the
   *     group has a value
   */
  public record Group(List<String> values, int trials, Map<String, Stats> stats) {}

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

  /** The groups of the combinations of {@code parameters}' values, in first-appearance order. */
  public static List<Group> by(JsonArray rows, List<String> parameters) {
    Map<List<String>, List<JsonObject>> members = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      members.computeIfAbsent(values(r, parameters), k -> new ArrayList<>()).add(r);
    }
    List<Group> out = new ArrayList<>();
    members.forEach((v, rs) -> out.add(new Group(v, rs.size(), stats(rs))));
    return out;
  }

  private static Map<String, Stats> stats(List<JsonObject> rows) {
    Map<String, Stats> m = new LinkedHashMap<>();
    for (String col : SUMMARISED) {
      List<Double> values = new ArrayList<>();
      for (JsonObject r : rows) {
        Double v = r.getDouble(col);
        if (v != null) values.add(v);
      }
      Stats.of(values).ifPresent(st -> m.put(col, st));
    }
    return m;
  }

  /** A row's values of some parameters, each as {@link #value} writes it. */
  public static List<String> values(JsonObject row, List<String> parameters) {
    return parameters.stream().map(p -> value(row, p)).toList();
  }

  /**
   * A row's value of a parameter as JSON writes it; {@code —} where the row has none or its model
   * does not take the parameter ({@link TrialParameter#takenBy}: a trial's stored configuration
   * holds every parameter, a bn-inception's {@code block} and {@code auxWeight} at their defaults).
   */
  public static String value(JsonObject row, String parameter) {
    JsonObject p = row.getJsonObject("parameters");
    Object v = p.getValue(parameter);
    Object model = p.getValue(TrialParameter.MODEL.key(), TrialParameter.MODEL.defaultValue());
    boolean taken = TrialParameter.of(parameter).map(t -> t.takenBy(model.toString())).orElse(true);
    return v == null || !taken ? "—" : v.toString();
  }
}
