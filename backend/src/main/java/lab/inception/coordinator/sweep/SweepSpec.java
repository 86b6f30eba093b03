package lab.inception.coordinator.sweep;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated sweep file. {@code parameters} maps each trial parameter to a fixed value, a list of
 * values, or (random search) a range {@code {min, max, scale}}.
 *
 * @param name a label for people
 * @param dataset the default dataset of every trial
 * @param method {@code grid}, {@code random} or {@code tpe}
 * @param maxTrials random and tpe: how many trials; grid: a cap on the grid's size
 * @param maxConcurrent at most this many trials run at once (0: as many as there are slots)
 * @param seed seeds the random search and every trial without its own seed
 * @param parameters the search space
 * @param earlyStopping the pruning rule
 * @param objectives what the sweep optimises: one objective, or several (a Pareto front)
 * @param constraints the cost budget of a trial
 * @param tpe the TPE sampler's settings (method tpe)
 */
public record SweepSpec(
    String name,
    String dataset,
    String method,
    int maxTrials,
    int maxConcurrent,
    long seed,
    Map<String, Object> parameters,
    EarlyStopping earlyStopping,
    List<Objective> objectives,
    Constraints constraints,
    TpeSettings tpe) {

  public SweepSpec {
    tpe = tpe == null ? TpeSettings.defaults() : tpe;
    objectives =
        objectives == null || objectives.isEmpty()
            ? List.of(Objective.defaults())
            : List.copyOf(objectives);
    constraints = constraints == null ? Constraints.none() : constraints;
  }

  /** Whether trials are proposed one by one as results come in (TPE) rather than all at once. */
  public boolean adaptive() {
    return "tpe".equals(method);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("dataset", dataset)
        .put("method", method)
        .put("maxTrials", maxTrials)
        .put("maxConcurrent", maxConcurrent)
        .put("seed", seed)
        .put("parameters", new JsonObject(parameters))
        .put("earlyStopping", earlyStopping.toJson())
        .put("objectives", new JsonArray(objectives.stream().map(Objective::toJson).toList()))
        .put("constraints", constraints.toJson())
        .put("tpe", tpe.toJson());
  }

  @SuppressWarnings("unchecked")
  public static SweepSpec fromJson(JsonObject j) {
    return new SweepSpec(
        j.getString("name"),
        j.getString("dataset"),
        j.getString("method"),
        j.getInteger("maxTrials"),
        j.getInteger("maxConcurrent", 0),
        j.getLong("seed", 0L),
        (Map<String, Object>) SweepFiles.plain(j.getJsonObject("parameters")),
        EarlyStopping.fromJson(j.getJsonObject("earlyStopping")),
        objectives(j.getJsonArray("objectives")),
        Constraints.fromJson(j.getJsonObject("constraints")),
        TpeSettings.fromJson(j.getJsonObject("tpe")));
  }

  private static List<Objective> objectives(JsonArray a) {
    List<Objective> out = new ArrayList<>();
    if (a != null)
      for (int i = 0; i < a.size(); i++) out.add(Objective.fromJson(a.getJsonObject(i)));
    return out;
  }
}
