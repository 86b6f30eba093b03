package lab.inception.coordinator.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.inception.coordinator.sweep.ModelConditions;
import lab.inception.coordinator.sweep.SweepSpec;
import lab.inception.worker.train.TrialParameter;

/**
 * A sweep's search space: each list of several values is a categorical dimension, each range a
 * numeric one (integer for an integer parameter), everything else fixed. A parameter that applies
 * to some models only ({@link TrialParameter#models()}) is conditional on the model unless every
 * model of the sweep takes it ({@link ModelConditions}).
 */
public final class SweepSpaces {

  private SweepSpaces() {}

  public static SearchSpace of(SweepSpec spec) {
    List<Dimension> dims = new ArrayList<>();
    Map<String, Object> fixed = new LinkedHashMap<>();
    ModelConditions conditions = ModelConditions.of(spec);
    for (Map.Entry<String, Object> e : spec.parameters().entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      TrialParameter p = TrialParameter.of(k).orElseThrow();
      Set<String> applies = Set.copyOf(conditions.takers(k));
      if (v instanceof Map<?, ?> r) {
        double lo = ((Number) r.get("min")).doubleValue();
        double hi = ((Number) r.get("max")).doubleValue();
        boolean log = "log".equals(r.get("scale"));
        boolean integer = p.type() == TrialParameter.Type.INTEGER;
        if (lo == hi) fixed.put(k, p.typed(lo));
        else dims.add(new Dimension.Numeric(k, lo, hi, log, integer, applies));
      } else if (v instanceof List<?> l && l.size() > 1) {
        dims.add(new Dimension.Categorical(k, new ArrayList<>(l), applies));
      } else {
        fixed.put(k, v instanceof List<?> l ? l.get(0) : v);
      }
    }
    return new SearchSpace(dims, fixed);
  }
}
