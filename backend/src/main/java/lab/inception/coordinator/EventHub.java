package lab.inception.coordinator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.protocol.IsoTime;
import lab.inception.worker.protocol.JsonText;
import lab.inception.worker.protocol.MetricPoint;

/**
 * Collects what changed (metric points, trial and sweep states) and cuts it into numbered batches,
 * the unit of the {@code /api/events} stream: {@code {"metrics": [...], "trials": [...], "sweeps":
 * [...]}}, once for all sweeps and once per sweep (for clients following one). Points are encoded
 * as they arrive, so a batch costs string joins only. Batches are kept in a bounded history so that
 * a client reconnecting with {@code Last-Event-ID} gets what it missed. Thread-safe: the
 * coordinator adds, the HTTP verticle flushes and replays.
 */
public final class EventHub {

  /**
   * One numbered batch.
   *
   * @param id the SSE event id
   * @param all the batch's JSON for every sweep
   * @param bySweep the batch's JSON restricted to each sweep it concerns
   * @param size how many items it holds
   */
  public record Batch(long id, String all, Map<String, String> bySweep, int size) {}

  /** The pending items of one sweep, as comma-separated JSON fragments. */
  private static final class Pending {
    final StringBuilder metrics = new StringBuilder();
    final StringBuilder trials = new StringBuilder();
    final StringBuilder sweeps = new StringBuilder();
  }

  private final int maxItems;

  /**
   * The kept batches, oldest first, from {@code history.get(oldest)}; their ids are consecutive.
   */
  private final List<Batch> history = new ArrayList<>();

  private int oldest;
  private long kept;
  private long nextId;
  private Map<String, Pending> pending = new LinkedHashMap<>();
  private int pendingItems;

  /**
   * @param firstId the first batch id (start ids above those of an earlier run: use the clock)
   * @param maxItems roughly how many items the history keeps
   */
  public EventHub(long firstId, int maxItems) {
    this.nextId = firstId;
    this.maxItems = maxItems;
  }

  public synchronized void metrics(String sweep, List<MetricPoint> points) {
    StringBuilder b = group(sweep).metrics;
    String trial = null;
    String head = null; // {"trial":..,"sweep":..,"name":
    for (MetricPoint p : points) {
      if (!p.trial().equals(trial)) {
        trial = p.trial();
        StringBuilder h =
            JsonText.string(new StringBuilder("{\"trial\":"), trial).append(",\"sweep\":");
        head = JsonText.string(h, sweep).append(",\"name\":").toString();
      }
      JsonText.string(sep(b).append(head), p.name()).append(",\"step\":").append(p.step());
      b.append(",\"epoch\":").append(p.epoch()).append(",\"value\":");
      JsonText.number(b, p.value()).append(",\"attempt\":").append(p.attempt());
      IsoTime.appendTo(b.append(",\"time\":\""), p.time()).append("\"}");
    }
    pendingItems += points.size();
  }

  public synchronized void trial(String id, String sweep, String state, int attempt) {
    StringBuilder b = sep(group(sweep).trials).append("{\"id\":");
    JsonText.string(b, id).append(",\"sweep\":");
    JsonText.string(b, sweep).append(",\"state\":");
    JsonText.string(b, state).append(",\"attempt\":").append(attempt).append('}');
    pendingItems++;
  }

  public synchronized void sweep(String id, String state) {
    StringBuilder b = sep(group(id).sweeps).append("{\"id\":");
    JsonText.string(b, id).append(",\"state\":");
    JsonText.string(b, state).append('}');
    pendingItems++;
  }

  /** Cuts what was added since the last flush into a batch, or returns null when nothing was. */
  public synchronized Batch flush() {
    if (pendingItems == 0) return null;
    Map<String, String> bySweep = new LinkedHashMap<>();
    StringBuilder m = new StringBuilder();
    StringBuilder t = new StringBuilder();
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      bySweep.put(e.getKey(), json(p.metrics, p.trials, p.sweeps));
      join(m, p.metrics);
      join(t, p.trials);
      join(s, p.sweeps);
    }
    Batch b =
        new Batch(
            nextId++,
            pending.size() == 1 ? bySweep.values().iterator().next() : json(m, t, s),
            bySweep,
            pendingItems);
    pending = new LinkedHashMap<>();
    pendingItems = 0;
    history.add(b);
    kept += b.size();
    while (kept > maxItems && history.size() - oldest > 1) {
      kept -= history.get(oldest).size();
      history.set(oldest++, null);
    }
    if (oldest > 1024 && oldest > history.size() / 2) {
      history.subList(0, oldest).clear();
      oldest = 0;
    }
    return b;
  }

  /**
   * The batches after {@code lastId}, or null when some of them are no longer kept (the client must
   * reload from the REST API).
   */
  public List<Batch> since(long lastId) {
    return since(lastId, Integer.MAX_VALUE);
  }

  /**
   * At most {@code max} of the batches after {@code lastId}, oldest first: one page of a client's
   * replay. Null when some of them are no longer kept.
   */
  public synchronized List<Batch> since(long lastId, int max) {
    List<Batch> out = new ArrayList<>();
    if (history.size() == oldest) return lastId >= nextId - 1 ? out : null;
    long first = history.get(oldest).id();
    if (lastId < first - 1) return null;
    long from = Math.max(0, lastId + 1 - first) + oldest;
    for (long i = from; i < history.size() && out.size() < max; i++) out.add(history.get((int) i));
    return out;
  }

  private Pending group(String sweep) {
    return pending.computeIfAbsent(sweep, k -> new Pending());
  }

  private static String json(CharSequence m, CharSequence t, CharSequence s) {
    return new StringBuilder(m.length() + t.length() + s.length() + 40)
        .append("{\"metrics\":[")
        .append(m)
        .append("],\"trials\":[")
        .append(t)
        .append("],\"sweeps\":[")
        .append(s)
        .append("]}")
        .toString();
  }

  private static void join(StringBuilder into, StringBuilder part) {
    if (part.length() == 0) return;
    if (into.length() > 0) into.append(',');
    into.append(part);
  }

  private static StringBuilder sep(StringBuilder b) {
    if (b.length() > 0) b.append(',');
    return b;
  }
}
