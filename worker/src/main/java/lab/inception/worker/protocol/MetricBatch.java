package lab.inception.worker.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Metric points of one or more trials of one worker, sent together.
 *
 * @param worker the sending worker's id
 * @param points the points, in the order they were produced
 */
public record MetricBatch(String worker, List<MetricPoint> points) {

  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    points.forEach(p -> a.add(p.toJson()));
    return new JsonObject().put("worker", worker).put("points", a);
  }

  public static MetricBatch fromJson(JsonObject j) {
    JsonArray a = j.getJsonArray("points", new JsonArray());
    List<MetricPoint> ps = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) ps.add(MetricPoint.fromJson(a.getJsonObject(i)));
    return new MetricBatch(j.getString("worker"), ps);
  }
}
