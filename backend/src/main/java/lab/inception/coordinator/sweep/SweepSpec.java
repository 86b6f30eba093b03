package lab.inception.coordinator.sweep;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A validated sweep file. {@code parameters} maps each trial parameter to a fixed value, a list of
 * values, or (random search) a range {@code {min, max, scale}}.
 *
 * @param name a label for people
 * @param dataset the default dataset of every trial
 * @param method {@code grid} or {@code random}
 * @param maxTrials random: how many trials; grid: a cap on the grid's size
 * @param maxConcurrent at most this many trials run at once (0: as many as there are slots)
 * @param seed seeds the random search and every trial without its own seed
 * @param parameters the search space
 * @param earlyStopping the pruning rule
 */
public record SweepSpec(
    String name,
    String dataset,
    String method,
    int maxTrials,
    int maxConcurrent,
    long seed,
    Map<String, Object> parameters,
    EarlyStopping earlyStopping) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("dataset", dataset)
        .put("method", method)
        .put("maxTrials", maxTrials)
        .put("maxConcurrent", maxConcurrent)
        .put("seed", seed)
        .put("parameters", new JsonObject(parameters))
        .put("earlyStopping", earlyStopping.toJson());
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
        EarlyStopping.fromJson(j.getJsonObject("earlyStopping")));
  }
}
