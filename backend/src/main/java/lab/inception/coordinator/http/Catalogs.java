package lab.inception.coordinator.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import lab.inception.worker.data.DatasetCatalog;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.train.TrialParameter;

/**
 * The catalogs both sides speak, as the API serves them: {@code GET /api/parameters}, {@code
 * /api/datasets} and {@code /api/metrics}. Each is rendered from its one owner ({@link
 * TrialParameter}, {@link DatasetCatalog}, {@link Metric}); the dashboard builds its form, cost
 * estimates, labels and default charts from them.
 */
final class Catalogs {

  private Catalogs() {}

  static JsonArray parameters() {
    JsonArray a = new JsonArray();
    for (TrialParameter p : TrialParameter.values()) a.add(parameter(p));
    return a;
  }

  static JsonObject parameter(TrialParameter p) {
    var range = p.range();
    return new JsonObject()
        .put("name", p.key())
        .put("type", p.type().label())
        .put("default", p.defaultValue())
        .put(
            "modelDefaults", p.modelDefaults().isEmpty() ? null : new JsonObject(p.modelDefaults()))
        .put("choices", new JsonArray(p.choices()))
        .put("min", range.map(TrialParameter.Range::min).orElse(null))
        .put("minInclusive", range.map(TrialParameter.Range::minInclusive).orElse(null))
        .put("max", range.map(TrialParameter.Range::max).orElse(null))
        .put("maxInclusive", range.map(TrialParameter.Range::maxInclusive).orElse(null))
        .put("models", p.models().map(JsonArray::new).orElse(null))
        .put("scope", p.scope().name().toLowerCase(Locale.ROOT))
        .put("option", p.option())
        .put("doc", p.doc());
  }

  static JsonArray datasets() {
    JsonArray a = new JsonArray();
    for (DatasetCatalog.Info d : DatasetCatalog.all()) {
      a.add(
          new JsonObject()
              .put("name", d.name())
              .put("shape", new JsonArray().add(d.channels()).add(d.height()).add(d.width()))
              .put("classes", d.classes())
              .put("classNames", new JsonArray(d.classNames()))
              .put("train", d.train())
              .put("test", d.test())
              .put("source", d.source()));
    }
    return a;
  }

  static JsonArray metrics() {
    JsonArray a = new JsonArray();
    for (Metric m : Metric.values()) {
      a.add(
          new JsonObject()
              .put("name", m.key())
              .put("per", m.per().name().toLowerCase(Locale.ROOT))
              .put("unit", m.unit().label())
              .put(
                  "direction",
                  m.direction() == Metric.Direction.NONE
                      ? null
                      : m.direction().name().toLowerCase(Locale.ROOT))
              .put("label", m.label())
              .put("doc", m.doc()));
    }
    return a;
  }
}
