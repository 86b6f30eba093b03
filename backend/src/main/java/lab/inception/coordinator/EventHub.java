package lab.inception.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import lab.inception.worker.protocol.MetricPoint;

/**
 * Collects what changed (metric points, trial and sweep states) and cuts it into numbered batches,
 * the unit of the {@code /api/events} stream. Batches are kept in a bounded history so that a
 * client reconnecting with {@code Last-Event-ID} gets what it missed. Thread-safe: the coordinator
 * adds, the HTTP verticle flushes and replays.
 */
public final class EventHub {

  /**
   * One numbered batch; {@code json} holds the arrays {@code metrics}, {@code trials}, {@code
   * sweeps}.
   */
  public record Batch(long id, JsonObject json, int size) {}

  private final int maxPoints;
  private final Deque<Batch> history = new ArrayDeque<>();
  private long keptPoints;
  private long nextId;
  private JsonArray metrics = new JsonArray();
  private JsonArray trials = new JsonArray();
  private JsonArray sweeps = new JsonArray();

  /**
   * @param firstId the first batch id (start ids above those of an earlier run: use the clock)
   * @param maxPoints roughly how many items the history keeps
   */
  public EventHub(long firstId, int maxPoints) {
    this.nextId = firstId;
    this.maxPoints = maxPoints;
  }

  public synchronized void metrics(String sweep, List<MetricPoint> points) {
    for (MetricPoint p : points)
      metrics.add(p.toPointJson().put("trial", p.trial()).put("sweep", sweep));
  }

  public synchronized void trial(String id, String sweep, String state, int attempt) {
    trials.add(
        new JsonObject()
            .put("id", id)
            .put("sweep", sweep)
            .put("state", state)
            .put("attempt", attempt));
  }

  public synchronized void sweep(String id, String state) {
    sweeps.add(new JsonObject().put("id", id).put("state", state));
  }

  /** Cuts what was added since the last flush into a batch, or returns null when nothing was. */
  public synchronized Batch flush() {
    int size = metrics.size() + trials.size() + sweeps.size();
    if (size == 0) return null;
    JsonObject j =
        new JsonObject().put("metrics", metrics).put("trials", trials).put("sweeps", sweeps);
    metrics = new JsonArray();
    trials = new JsonArray();
    sweeps = new JsonArray();
    Batch b = new Batch(nextId++, j, size);
    history.addLast(b);
    keptPoints += size;
    while (keptPoints > maxPoints && history.size() > 1) keptPoints -= history.removeFirst().size();
    return b;
  }

  /**
   * The batches after {@code lastId}, or null when some of them are no longer kept (the client must
   * reload from the REST API).
   */
  public synchronized List<Batch> since(long lastId) {
    List<Batch> out = new ArrayList<>();
    if (history.isEmpty()) return lastId >= nextId - 1 ? out : null;
    if (lastId < history.peekFirst().id() - 1) return null;
    for (Batch b : history) if (b.id() > lastId) out.add(b);
    return out;
  }

  /** The id the next batch will get. */
  public synchronized long nextId() {
    return nextId;
  }
}
