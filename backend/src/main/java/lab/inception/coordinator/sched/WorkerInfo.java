package lab.inception.coordinator.sched;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** What the coordinator knows of one worker from its lease requests and heartbeats. */
final class WorkerInfo {
  final String id;
  String node;
  String host;
  List<String> devices = List.of();
  JsonArray running = new JsonArray();
  long lastSeen;

  WorkerInfo(String id) {
    this.id = id;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("node", node)
        .put("host", host)
        .put("devices", new JsonArray(devices))
        .put("slots", devices.size())
        .put("trials", running)
        .put("lastHeartbeat", Instant.ofEpochMilli(lastSeen).toString());
  }
}
