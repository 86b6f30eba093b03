package lab.inception.coordinator.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lab.inception.coordinator.sched.History;
import lab.inception.coordinator.sched.Trial;
import lab.inception.coordinator.search.Importance;
import lab.inception.coordinator.search.Observation;
import lab.inception.coordinator.search.Pareto;
import lab.inception.coordinator.search.SweepSpaces;
import lab.inception.coordinator.sweep.Objective;
import lab.inception.coordinator.sweep.SweepSpec;

/**
 * What a sweep's search found, read from its stored trials: each searched parameter's importance
 * for an objective (fANOVA) and the Pareto front of its objectives (for one objective: its best
 * trials), as JSON and CSV.
 */
final class SearchResults {

  private SearchResults() {}

  /** {@code objective}: the index of the objective in the sweep's {@code objectives}. */
  static JsonObject importance(JsonObject sweep, List<Trial> trials, int objective) {
    SweepSpec spec = SweepSpec.fromJson(sweep.getJsonObject("spec"));
    if (objective < 0 || objective >= spec.objectives().size()) {
      throw ApiError.badRequest(
          "objective must be between 0 and "
              + (spec.objectives().size() - 1)
              + " (the sweep's objectives), got "
              + objective);
    }
    List<Observation> h = new ArrayList<>();
    for (Observation o : History.of(spec, trials)) {
      if (o.status() == Observation.Status.COMPLETE) {
        h.add(Observation.complete(o.index(), o.config(), o.loss()[objective]));
      }
    }
    JsonArray params = new JsonArray();
    for (Importance.Entry e : Importance.fanova(SweepSpaces.of(spec), h, spec.seed())) {
      params.add(new JsonObject().put("name", e.name()).put("importance", e.importance()));
    }
    return new JsonObject()
        .put("sweep", sweep.getString("id"))
        .put("objective", spec.objectives().get(objective).toJson())
        .put("method", "fanova")
        .put("trials", h.size())
        .put("parameters", params);
  }

  static String importanceCsv(JsonObject imp) {
    StringBuilder sb = new StringBuilder("parameter,importance\n");
    for (Object o : imp.getJsonArray("parameters")) {
      JsonObject e = (JsonObject) o;
      sb.append(Results.cell(e.getString("name")))
          .append(',')
          .append(Results.cell(e.getDouble("importance")))
          .append('\n');
    }
    return sb.toString();
  }

  /** The completed trials no other completed trial beats on every objective, best first. */
  static JsonObject front(JsonObject sweep, List<Trial> trials) {
    SweepSpec spec = SweepSpec.fromJson(sweep.getJsonObject("spec"));
    List<Trial> done = new ArrayList<>();
    List<double[]> losses = new ArrayList<>();
    for (Trial t : trials) {
      if (!"completed".equals(t.state().key())) continue;
      double[] l = new double[spec.objectives().size()];
      boolean known = true;
      for (int i = 0; i < l.length; i++) {
        Double v = History.value(t, spec.objectives().get(i));
        known &= v != null && Double.isFinite(v);
        l[i] = v == null ? 0 : spec.objectives().get(i).loss(v);
      }
      if (!known) continue;
      done.add(t);
      losses.add(l);
    }
    double[][] loss = losses.toArray(new double[0][]);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < loss.length; i++) all.add(i);
    List<Integer> front = new ArrayList<>(Pareto.front(loss, all));
    front.sort(Comparator.<Integer>comparingDouble(i -> loss[i][0]).thenComparingInt(i -> i));
    JsonArray rows = new JsonArray();
    for (int i : front) {
      Trial t = done.get(i);
      JsonArray values = new JsonArray();
      for (Objective o : spec.objectives()) values.add(History.value(t, o));
      JsonObject doc = t.toJson();
      rows.add(
          new JsonObject()
              .put("trial", t.id())
              .put("index", doc.getInteger("index"))
              .put("values", values)
              .put("parameters", doc.getJsonObject("parameters")));
    }
    JsonArray objectives = new JsonArray();
    spec.objectives().forEach(o -> objectives.add(o.toJson()));
    return new JsonObject()
        .put("sweep", sweep.getString("id"))
        .put("objectives", objectives)
        .put("completed", done.size())
        .put("trials", rows);
  }

  static String frontCsv(JsonObject front) {
    StringBuilder sb = new StringBuilder("trial,index");
    List<String> names = new ArrayList<>();
    for (Object o : front.getJsonArray("objectives"))
      names.add(((JsonObject) o).getString("metric"));
    List<String> params = new ArrayList<>();
    for (Object o : front.getJsonArray("trials")) {
      for (String k : ((JsonObject) o).getJsonObject("parameters").fieldNames()) {
        if (!params.contains(k)) params.add(k);
      }
    }
    names.forEach(n -> sb.append(',').append(Results.cell(n)));
    params.forEach(p -> sb.append(',').append(Results.cell(p)));
    sb.append('\n');
    for (Object o : front.getJsonArray("trials")) {
      JsonObject r = (JsonObject) o;
      sb.append(Results.cell(r.getString("trial"))).append(',').append(r.getInteger("index"));
      r.getJsonArray("values").forEach(v -> sb.append(',').append(Results.cell(v)));
      JsonObject p = r.getJsonObject("parameters");
      params.forEach(k -> sb.append(',').append(Results.cell(p.getValue(k))));
      sb.append('\n');
    }
    return sb.toString();
  }
}
