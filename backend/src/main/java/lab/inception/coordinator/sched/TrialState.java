package lab.inception.coordinator.sched;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * One trial as the scheduler tracks it. Mutable, owned by the coordinator's event loop; {@link
 * #toJson()} is the document stored and served.
 */
public final class TrialState {

  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String PRUNED = "pruned";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
  public static final Set<String> TERMINAL = Set.of(COMPLETED, PRUNED, FAILED, CANCELLED);

  final String id;
  final String sweep;
  final int index;
  final JsonObject parameters;
  String state = QUEUED;
  int attempt;
  int failures;
  String worker;
  String node;
  int slot;
  long leaseExpires;
  int epoch;
  Integer rung;
  Integer prunedAtRung;
  JsonObject checkpoint;
  JsonObject result;
  Long params;
  Long macs;
  String error;
  boolean noPrune;

  /** The early-stopping metric's last value per epoch, from the points (not stored). */
  final java.util.Map<Integer, Double> stopMetric = new java.util.HashMap<>();

  String created = Instant.now().toString();
  String started;
  String finished;

  TrialState(String id, String sweep, int index, JsonObject parameters) {
    this.id = id;
    this.sweep = sweep;
    this.index = index;
    this.parameters = parameters;
  }

  public String id() {
    return id;
  }

  public String sweep() {
    return sweep;
  }

  public String state() {
    return state;
  }

  public int attempt() {
    return attempt;
  }

  public String worker() {
    return worker;
  }

  public boolean terminal() {
    return TERMINAL.contains(state);
  }

  public JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put("id", id)
            .put("sweep", sweep)
            .put("index", index)
            .put("state", state)
            .put("attempt", attempt)
            .put("failures", failures)
            .put("parameters", parameters)
            .put("epoch", epoch)
            .put("created", created);
    putIf(j, "worker", worker);
    putIf(j, "rung", rung);
    putIf(j, "prunedAtRung", prunedAtRung);
    putIf(j, "checkpoint", checkpoint);
    putIf(j, "params", params);
    putIf(j, "macs", macs);
    putIf(j, "error", error);
    putIf(j, "started", started);
    putIf(j, "finished", finished);
    if (noPrune) j.put("noPrune", true);
    if (result != null) {
      j.put("result", result);
      for (String k :
          new String[] {
            "testAccuracy", "bestValAccuracy", "finalValAccuracy", "seconds", "imagesPerSec"
          }) {
        putIf(j, k, result.getValue(k));
      }
    }
    return j;
  }

  private static void putIf(JsonObject j, String k, Object v) {
    if (v != null) j.put(k, v);
  }

  /** Rebuilds a trial from its stored document (coordinator restart). */
  public static TrialState fromJson(JsonObject j) {
    TrialState t =
        new TrialState(
            j.getString("id"),
            j.getString("sweep"),
            j.getInteger("index", 0),
            j.getJsonObject("parameters", new JsonObject()));
    t.state = j.getString("state", QUEUED);
    t.attempt = j.getInteger("attempt", 0);
    t.failures = j.getInteger("failures", 0);
    t.worker = j.getString("worker");
    t.epoch = j.getInteger("epoch", 0);
    t.rung = j.getInteger("rung");
    t.prunedAtRung = j.getInteger("prunedAtRung");
    t.checkpoint = j.getJsonObject("checkpoint");
    t.result = j.getJsonObject("result");
    t.params = j.getLong("params");
    t.macs = j.getLong("macs");
    t.error = j.getString("error");
    t.noPrune = j.getBoolean("noPrune", false);
    t.created = j.getString("created", t.created);
    t.started = j.getString("started");
    t.finished = j.getString("finished");
    return t;
  }
}
