package lab.inception.worker.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training recipe's defaults that differ by model family: where a model's family learns better
 * from its first epoch with another optimizer, learning rate or warm-up than the table's default,
 * the family's value is the default for that model. Chosen by measurement, with this lab's own
 * sweeps (docs/recipes.md has the sweep files, the tables that picked each value and the command
 * that reproduces them). Only the trial's recipe differs, never its architecture.
 */
public enum RecipeDefaults {
  /**
   * The paper's GoogLeNet: no batch norm, so plain SGD at the table's rate overshoots in its first
   * steps and barely learns in one epoch.
   */
  PLAIN_GOOGLENET(List.of("googlenet"), Map.of());

  private final List<String> models;
  private final Map<TrialParameter, Object> values;

  RecipeDefaults(List<String> models, Map<TrialParameter, Object> values) {
    this.models = models;
    this.values = values;
  }

  /** The models this family's defaults apply to. */
  public List<String> models() {
    return models;
  }

  /** The parameters whose default this family changes, with its value (in the table's type). */
  public Map<TrialParameter, Object> defaults() {
    return values;
  }

  /** A parameter's default for a model: its family's value, else the table's default. */
  static Object defaultFor(TrialParameter p, String model) {
    for (RecipeDefaults r : values()) {
      if (r.models.contains(model) && r.values.containsKey(p)) return r.values.get(p);
    }
    return p.defaultValue();
  }

  /** Every model whose default of a parameter differs from the table's, with that default. */
  static Map<String, Object> byModel(TrialParameter p) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecipeDefaults r : values()) {
      if (!r.values.containsKey(p)) continue;
      for (String m : r.models) out.putIfAbsent(m, r.values.get(p));
    }
    return out;
  }
}
