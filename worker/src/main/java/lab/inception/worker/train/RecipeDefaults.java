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
   * The GoogLeNet family. The paper's network has no batch norm: at the table's batch of 128 one
   * epoch is too few steps to learn (63–66% test on a 12,800-image slice whatever the optimizer,
   * warm-up or rate tried); a batch of 32 gives four times the steps (74%). Naive blocks overshoot
   * at lr 0.05 (torchvision's with batch norm went from a first-step loss of 2.9 to 59; the paper's
   * to 1.58× its first step with the gradient clipped at norm 2): clipped at norm 1, neither rises
   * above 1.5×.
   */
  GOOGLENET_FAMILY(
      List.of("googlenet", "googlenet-tv"),
      Map.of(TrialParameter.BATCH_SIZE, 32, TrialParameter.GRAD_CLIP, 1.0)),
  /**
   * Inception-ResNet: at the table's SGD lr 0.05 inception-resnet-v1's loss rose to 4× its first
   * step's within 28 steps; the gradient clipped at norm 1 keeps it below 1.5×.
   */
  INCEPTION_RESNET(
      List.of("inception-resnet-v1", "inception-resnet-v2"), Map.of(TrialParameter.GRAD_CLIP, 1.0));

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
