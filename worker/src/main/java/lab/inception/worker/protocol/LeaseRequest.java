package lab.inception.worker.protocol;

import io.vertx.core.json.JsonObject;

/**
 * A worker's request for one trial for one free device slot.
 *
 * @param worker the worker's id
 * @param node the cluster node the worker runs on (its Vert.x node id, "local" unclustered)
 * @param slot the slot's index on that worker
 * @param device the slot's device, e.g. {@code cpu} or {@code gpu:0}
 */
public record LeaseRequest(String worker, String node, int slot, String device) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("worker", worker)
        .put("node", node)
        .put("slot", slot)
        .put("device", device);
  }

  public static LeaseRequest fromJson(JsonObject j) {
    return new LeaseRequest(
        j.getString("worker"),
        j.getString("node"),
        j.getInteger("slot", 0),
        j.getString("device", "cpu"));
  }
}
