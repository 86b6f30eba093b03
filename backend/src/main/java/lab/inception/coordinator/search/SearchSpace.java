package lab.inception.coordinator.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The searched dimensions of a sweep and its fixed values. A dimension restricted to some models
 * (see {@link Dimension#models()}) is conditional on the {@value #CONDITION} parameter: it is
 * sampled, and learned from, only in configurations whose model it applies to. The dimensions fall
 * into groups, as in Optuna's {@code group=True}: the unconditional ones, then one group per
 * distinct set of models.
 */
public record SearchSpace(List<Dimension> dimensions, Map<String, Object> fixed) {

  /** The parameter conditional dimensions depend on. */
  public static final String CONDITION = "model";

  public SearchSpace {
    dimensions = List.copyOf(dimensions);
    fixed = new LinkedHashMap<>(fixed);
  }

  public static SearchSpace of(Dimension... dims) {
    return new SearchSpace(List.of(dims), Map.of());
  }

  public boolean isEmpty() {
    return dimensions.isEmpty();
  }

  /** The dimensions grouped: the unconditional group first (possibly empty), then the others. */
  public List<List<Dimension>> groups() {
    Map<Set<String>, List<Dimension>> by = new LinkedHashMap<>();
    by.put(Set.of(), new ArrayList<>());
    for (Dimension d : dimensions) by.computeIfAbsent(d.models(), k -> new ArrayList<>()).add(d);
    return List.copyOf(by.values());
  }

  /** The model of a (partial) configuration: its own or the fixed one. */
  public Object model(Map<String, Object> config) {
    Object m = config.get(CONDITION);
    return m != null ? m : fixed.get(CONDITION);
  }

  /** Whether a group applies to a configuration. */
  public boolean applies(List<Dimension> group, Map<String, Object> config) {
    // an unconditional group applies without looking the model up
    return group.isEmpty() || group.get(0).models().isEmpty() || applies(group, model(config));
  }

  /** Whether a group applies to a configuration of this model. */
  boolean applies(List<Dimension> group, Object model) {
    return group.isEmpty() || group.get(0).appliesTo(model);
  }

  /** The fixed values with the sampled ones over them. */
  public Map<String, Object> complete(Map<String, Object> sampled) {
    Map<String, Object> out = new LinkedHashMap<>(fixed);
    out.putAll(sampled);
    return out;
  }

  /** Samples a group uniformly (log-uniformly on a log scale) into {@code into}. */
  static void uniform(List<Dimension> group, SplittableRandom rnd, Map<String, Object> into) {
    for (Dimension d : group) {
      double x =
          d instanceof Dimension.Categorical c
              ? rnd.nextInt(c.choices().size())
              : d.low() + rnd.nextDouble() * (d.high() - d.low());
      into.put(d.name(), d.value(x));
    }
  }

  /** A uniform sample of the whole space; conditional parameters only where they apply. */
  public Map<String, Object> uniform(SplittableRandom rnd) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (List<Dimension> g : groups()) if (applies(g, out)) uniform(g, rnd, out);
    return out;
  }
}
