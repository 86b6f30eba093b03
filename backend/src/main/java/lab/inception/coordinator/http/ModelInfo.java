package lab.inception.coordinator.http;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.cost.CostReport;
import lab.inception.worker.cost.GraphExporter;
import lab.inception.worker.cost.ModelSummary;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelZoo;

/** The {@code /api/models} answers, computed on a worker thread and cached. Blocking. */
final class ModelInfo {

  private final Map<String, JsonObject> cache = new ConcurrentHashMap<>();
  private JsonArray list;

  synchronized JsonArray list() {
    if (list == null) {
      JsonArray a = new JsonArray();
      for (String name : ModelZoo.names()) a.add(new JsonObject(ModelSummary.of(name).toMap()));
      list = a;
    }
    return list;
  }

  /** The {@code flops --json} object of a model with the query's options, plus {@code graph}. */
  JsonObject model(String name, MultiMap q) {
    if (!ModelZoo.names().contains(name)) {
      throw ApiError.notFound(
          "unknown model '" + name + "'; known: " + String.join(", ", ModelZoo.names()));
    }
    ModelConfig cfg = config(name, q);
    String key = cfg.toString();
    JsonObject cached = cache.get(key);
    if (cached != null) return cached;
    try {
      CostReport r = CostAnalyzer.analyze(cfg);
      JsonObject j =
          new JsonObject(r.toMap()).put("graph", new JsonObject(GraphExporter.export(r)));
      if (cache.size() < 200) cache.put(key, j);
      return j;
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static ModelConfig config(String name, MultiMap q) {
    ModelConfig ref = ModelZoo.reference(name);
    int c = ref.channels();
    int h = ref.height();
    int w = ref.width();
    String input = q.get("input");
    if (input != null && !input.isBlank()) {
      String[] p = input.toLowerCase().split("[x×]");
      try {
        if (p.length != 3) throw new NumberFormatException();
        c = Integer.parseInt(p[0].trim());
        h = Integer.parseInt(p[1].trim());
        w = Integer.parseInt(p[2].trim());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("input must be CxHxW, e.g. 3x224x224 (got " + input + ")");
      }
    }
    int classes = intParam(q, "classes", ref.classes());
    double width = doubleParam(q, "width", 1.0);
    boolean aux = "true".equalsIgnoreCase(q.get("aux")) || "1".equals(q.get("aux"));
    ModelConfig.Stem stem;
    ModelConfig.BlockKind block;
    try {
      stem = ModelConfig.Stem.parse(q.get("stem") == null ? "imagenet" : q.get("stem"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("stem must be imagenet or small (got " + q.get("stem") + ")");
    }
    try {
      block = ModelConfig.BlockKind.parse(q.get("block") == null ? "reduced" : q.get("block"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("block must be naive or reduced (got " + q.get("block") + ")");
    }
    ModelConfig cfg = new ModelConfig(name, c, h, w, classes, aux, width, stem, block);
    try {
      ModelZoo.validate(cfg);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    return cfg;
  }

  static int intParam(MultiMap q, String k, int d) {
    String v = q.get(k);
    if (v == null || v.isBlank()) return d;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(k + " must be an integer (got " + v + ")");
    }
  }

  static double doubleParam(MultiMap q, String k, double d) {
    String v = q.get(k);
    if (v == null || v.isBlank()) return d;
    try {
      double x = Double.parseDouble(v.trim());
      if (!Double.isFinite(x)) throw new NumberFormatException();
      return x;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(k + " must be a number (got " + v + ")");
    }
  }
}
