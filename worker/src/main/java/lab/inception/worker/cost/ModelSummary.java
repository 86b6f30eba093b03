package lab.inception.worker.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelSpec;
import lab.inception.worker.model.ModelZoo;

/**
 * One model of the zoo with its cost at its reference input: a row of {@code inception models} and
 * an entry of {@code models --json} and {@code GET /api/models}.
 */
public record ModelSummary(ModelSpec spec, CostReport cost) {

  /** The summary of the zoo's model {@code name} (its cost is computed, which takes a moment). */
  public static ModelSummary of(String name) {
    ModelSpec s = ModelZoo.spec(name);
    return new ModelSummary(s, CostAnalyzer.analyze(s.reference()));
  }

  /** The reference input as {@code C×H×W}. */
  public String input() {
    ModelConfig c = spec.reference();
    return c.channels() + "×" + c.height() + "×" + c.width();
  }

  /** The JSON fields. */
  public Map<String, Object> toMap() {
    ModelConfig c = spec.reference();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", spec.name());
    m.put("description", spec.description());
    m.put("paper", spec.paper());
    m.put("input", List.of(c.channels(), c.height(), c.width()));
    m.put("classes", c.classes());
    m.put("params", cost.params());
    m.put("macs", cost.macs());
    m.put("singleBlock", spec.singleBlock());
    m.put("hasAux", spec.hasAux());
    m.put("takesBlock", spec.takesBlockKind());
    return m;
  }
}
