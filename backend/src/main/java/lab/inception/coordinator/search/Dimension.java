package lab.inception.coordinator.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One searched parameter of a sweep: categorical (a list of values) or numeric (a range, integer or
 * real, linear or log). {@code models} is the parameter's applicability: the models it applies to,
 * empty when it applies whatever the model (a {@code block} only for the GoogLeNet family).
 * Samplers work in an internal space: a category's index, a number (its logarithm on a log scale).
 */
public sealed interface Dimension permits Dimension.Categorical, Dimension.Numeric {

  String name();

  /** The models this parameter applies to; empty: every model. */
  Set<String> models();

  /** Whether the parameter applies to a configuration (whose {@code model} is given). */
  default boolean appliesTo(Object model) {
    return models().isEmpty() || models().contains(model);
  }

  /** The internal coordinate of a value, or NaN when the value is not one of this dimension. */
  double internal(Object value);

  /** The value of an internal coordinate. */
  Object value(double internal);

  /** The lower and upper bound of the internal coordinate. */
  double low();

  double high();

  /** A list of values ({@code index}: each value's position, numbers keyed as doubles). */
  record Categorical(
      String name, List<Object> choices, Set<String> models, Map<Object, Integer> index)
      implements Dimension {
    public Categorical(String name, List<Object> choices, Set<String> models) {
      this(name, List.copyOf(choices), Set.copyOf(models), positions(choices));
    }

    private static Map<Object, Integer> positions(List<Object> choices) {
      Map<Object, Integer> m = new HashMap<>();
      for (int i = choices.size() - 1; i >= 0; i--) m.put(key(choices.get(i)), i);
      return Map.copyOf(m);
    }

    private static Object key(Object v) {
      return v instanceof Number n ? (Object) n.doubleValue() : v;
    }

    @Override
    public double internal(Object value) {
      for (int i = 0; i < choices.size() && i < 8; i++) if (choices.get(i) == value) return i;
      Integer i = value == null ? null : index.get(key(value));
      return i == null ? Double.NaN : i;
    }

    @Override
    public Object value(double internal) {
      return choices.get((int) internal);
    }

    @Override
    public double low() {
      return 0;
    }

    @Override
    public double high() {
      return choices.size();
    }
  }

  /**
   * A range {@code [min, max]}. An integer range's internal bounds reach half a unit beyond its
   * ends (each integer owns a unit interval), as in Optuna.
   */
  record Numeric(
      String name, double min, double max, boolean log, boolean integer, Set<String> models)
      implements Dimension {
    public Numeric {
      models = Set.copyOf(models);
    }

    @Override
    public double internal(Object value) {
      if (!(value instanceof Number n)) return Double.NaN;
      double v = n.doubleValue();
      return log ? Math.log(v) : v;
    }

    @Override
    public Object value(double internal) {
      double v = log ? Math.exp(internal) : internal;
      if (integer) return (long) Math.max(Math.ceil(min), Math.min(Math.floor(max), Math.round(v)));
      return Math.max(min, Math.min(max, v));
    }

    @Override
    public double low() {
      double lo = integer ? min - 0.5 : min;
      return log ? Math.log(lo) : lo;
    }

    @Override
    public double high() {
      double hi = integer ? max + 0.5 : max;
      return log ? Math.log(hi) : hi;
    }
  }
}
