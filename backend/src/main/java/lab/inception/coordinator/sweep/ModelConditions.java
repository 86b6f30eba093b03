package lab.inception.coordinator.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.train.TrialParameter;

/**
 * The parameters of a sweep that are conditional on its model: those that some of the sweep's
 * models take and others do not ({@link TrialParameter#models()}: {@code block} for the GoogLeNet
 * family, {@code auxWeight} for models with aux heads). A combination leaves out each one its model
 * does not take. A parameter that no model of a grid or random sweep takes is not conditional: it
 * stays in, and the zoo refuses the combination (the user asked for something no model has). TPE's
 * sampler ({@code SweepSpaces}) leaves out such a parameter too, so for TPE it is conditional.
 *
 * @param takers each conditional parameter and the models that take it
 */
public record ModelConditions(Map<String, List<String>> takers) {

  public ModelConditions {
    takers = Map.copyOf(takers);
  }

  public static ModelConditions of(SweepSpec spec) {
    List<?> models = models(spec);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String k : spec.parameters().keySet()) {
      TrialParameter.of(k)
          .flatMap(TrialParameter::models)
          .filter(ms -> !ms.containsAll(models))
          .filter(ms -> spec.adaptive() || models.stream().anyMatch(ms::contains))
          .ifPresent(ms -> out.put(k, ms));
    }
    return new ModelConditions(out);
  }

  /** The sweep's model values in order: its list, its one value, or the default model. */
  static List<?> models(SweepSpec spec) {
    Object v = spec.parameters().get(TrialParameter.MODEL.key());
    if (v == null) return List.of(TrialParameter.MODEL.defaultValue());
    return v instanceof List<?> l ? l : List.of(v);
  }

  /** Whether a parameter is conditional on the model. */
  boolean conditional(String key) {
    return takers.containsKey(key);
  }

  /** The models that take a parameter conditional on the model; empty for an unconditional one. */
  public List<String> takers(String key) {
    return takers.getOrDefault(key, List.of());
  }

  /** Whether a model takes a parameter (every model takes an unconditional one). */
  boolean takes(String key, Object model) {
    List<String> ms = takers.get(key);
    return ms == null || ms.contains(model);
  }

  /** The model of a combination: its own or the default. */
  static Object model(Map<String, Object> combination) {
    return combination.getOrDefault(
        TrialParameter.MODEL.key(), TrialParameter.MODEL.defaultValue());
  }

  /** A combination without the parameters its model does not take (changed in place). */
  Map<String, Object> leaveOut(Map<String, Object> combination) {
    Object model = model(combination);
    combination.keySet().removeIf(k -> !takes(k, model));
    return combination;
  }
}
