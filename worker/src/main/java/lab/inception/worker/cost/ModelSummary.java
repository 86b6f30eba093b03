package lab.inception.worker.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelSpec;
import lab.inception.worker.model.ModelZoo;

/**
 * One model of the zoo at its reference input: what {@code inception models --json} prints and
 * {@code GET /api/models} answers, one entry per model.
 */
public final class ModelSummary {

  private ModelSummary() {}

  /** The summary of the zoo's model {@code name} (its cost is computed, which takes a moment). */
  public static Map<String, Object> of(String name) {
    ModelSpec s = ModelZoo.spec(name);
    ModelConfig c = s.reference();
    CostReport r = CostAnalyzer.analyze(c);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("description", s.description());
    m.put("paper", s.paper());
    m.put("input", List.of(c.channels(), c.height(), c.width()));
    m.put("classes", c.classes());
    m.put("params", r.params());
    m.put("macs", r.macs());
    m.put("singleBlock", s.singleBlock());
    m.put("hasAux", s.hasAux());
    m.put("takesBlock", s.takesBlockKind());
    return m;
  }
}
