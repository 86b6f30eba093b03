package lab.inception.worker.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A worker's periodic "still here": its devices and the trials it runs. The coordinator renews
 * those leases and replies with the trials the worker must stop ({@code {"stop": [trialId...]}}).
 *
 * @param worker the worker's id
 * @param node the cluster node id
 * @param host the worker's host name
 * @param devices one entry per slot, e.g. {@code ["cpu"]} or {@code ["gpu:0", "gpu:1"]}
 * @param running the attempts it runs: {@code {"trial": id, "attempt": n, "slot": i}}
 */
public record Heartbeat(
    String worker, String node, String host, List<String> devices, JsonArray running) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("worker", worker)
        .put("node", node)
        .put("host", host)
        .put("devices", new JsonArray(devices))
        .put("running", running);
  }

  public static Heartbeat fromJson(JsonObject j) {
    JsonArray d = j.getJsonArray("devices", new JsonArray());
    return new Heartbeat(
        j.getString("worker"),
        j.getString("node"),
        j.getString("host"),
        d.stream().map(String::valueOf).toList(),
        j.getJsonArray("running", new JsonArray()));
  }
}
