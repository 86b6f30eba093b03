package lab.inception.coordinator.sched;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One trial as the scheduler tracks it. Mutable, owned by the coordinator's event loop; {@link
 * #toJson()} is the document stored and served (every field present, null where unknown), {@link
 * #fromJson} reads it back, also from stores written before a field existed.
 */
public final class Trial {

  /** The result fields copied to the trial's top level (and the results table). */
  static final String[] RESULT_FIELDS = {
    "testAccuracy", "bestValAccuracy", "finalValAccuracy", "seconds", "imagesPerSec"
  };

  final String id;
  final String sweep;
  final int index;

  /**
   * The configuration, kept encoded: a restored store holds hundreds of thousands of trials, and a
   * parsed map is some fifty objects each that every young collection would copy.
   */
  private final byte[] parameters;

  /** The configuration's {@code epochs}, read once. */
  final int epochs;

  TrialState state = TrialState.QUEUED;
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

  /** The epoch metrics of the trial's latest epoch (what its objectives are read from). */
  JsonObject epochValues;

  Long params;
  Long macs;
  String error;
  boolean noPrune;
  final List<Attempt> attempts = new ArrayList<>();

  String created;
  String started;
  String finished;

  /** The id of a sweep's trial number {@code index}. */
  static String id(String sweep, int index) {
    return String.format("%s-t%03d", sweep, index);
  }

  /** A new trial, created now. */
  Trial(String id, String sweep, int index, JsonObject parameters) {
    this(id, sweep, index, parameters, Instant.now().toString());
  }

  private Trial(String id, String sweep, int index, JsonObject parameters, String created) {
    this.created = created;
    this.id = id;
    this.sweep = sweep;
    this.index = index;
    this.parameters = parameters.toBuffer().getBytes();
    this.epochs = parameters.getInteger("epochs", 1);
  }

  private Trial(Trial o) {
    id = o.id;
    sweep = o.sweep;
    index = o.index;
    parameters = o.parameters;
    epochs = o.epochs;
    state = o.state;
    attempt = o.attempt;
    failures = o.failures;
    worker = o.worker;
    node = o.node;
    slot = o.slot;
    leaseExpires = o.leaseExpires;
    epoch = o.epoch;
    rung = o.rung;
    prunedAtRung = o.prunedAtRung;
    checkpoint = o.checkpoint;
    result = o.result;
    epochValues = o.epochValues;
    params = o.params;
    macs = o.macs;
    error = o.error;
    noPrune = o.noPrune;
    attempts.addAll(o.attempts);
    created = o.created;
    started = o.started;
    finished = o.finished;
  }

  /**
   * This trial as it is now, for {@link #toJson()} on another thread: the copy shares only values
   * no one changes (the encoded configuration, attempt records, the result and checkpoint objects,
   * which are replaced, never changed).
   */
  public Trial snapshot() {
    return new Trial(this);
  }

  /** A fresh copy of the trial's configuration. */
  JsonObject parameters() {
    return new JsonObject(Buffer.buffer(parameters));
  }

  /** The configuration as plain values, decoded once per trial (shared, read-only). */
  java.util.Map<String, Object> config() {
    synchronized (DECODED) {
      java.util.Map<String, Object> m = DECODED.get(parameters);
      if (m != null) return m;
    }
    java.util.Map<String, Object> m = java.util.Collections.unmodifiableMap(parameters().getMap());
    synchronized (DECODED) {
      DECODED.put(parameters, m);
    }
    return m;
  }

  /**
   * Decoded configurations by their encoded array (arrays compare by identity; an entry goes with
   * its trial), so that a sampler's every proposal does not decode every trial again.
   */
  private static final java.util.Map<byte[], java.util.Map<String, Object>> DECODED =
      new java.util.WeakHashMap<>();

  public String id() {
    return id;
  }

  public String sweep() {
    return sweep;
  }

  public TrialState state() {
    return state;
  }

  public int attempt() {
    return attempt;
  }

  public String worker() {
    return worker;
  }

  public boolean terminal() {
    return state.terminal();
  }

  /** Every attempt so far, oldest first. */
  public List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /**
   * Moves the trial to another state.
   *
   * @throws IllegalStateException for a move {@link TrialState} does not allow
   */
  void moveTo(TrialState to) {
    if (!state.canMoveTo(to)) {
      throw new IllegalStateException(
          "trial " + id + " cannot go from " + state.key() + " to " + to.key());
    }
    state = to;
  }

  /** Ends the current attempt, if it runs, with an outcome. */
  void endAttempt(Attempt.Outcome outcome, String error, String logTail) {
    if (attempts.isEmpty()) return;
    Attempt last = attempts.get(attempts.size() - 1);
    if (last.attempt() == attempt && last.running()) {
      attempts.set(
          attempts.size() - 1, last.ended(Instant.now().toString(), outcome, error, logTail));
    }
  }

  /** Gives an ended attempt the log tail it lacks; whether anything changed. */
  boolean attachLogTail(int number, String tail) {
    if (tail == null) return false;
    for (int i = 0; i < attempts.size(); i++) {
      Attempt a = attempts.get(i);
      if (a.attempt() == number && !a.running() && a.logTail() == null) {
        attempts.set(i, a.ended(a.ended(), a.outcome(), a.error(), tail));
        return true;
      }
    }
    return false;
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    attempts.forEach(x -> a.add(x.toJson()));
    JsonObject j =
        new JsonObject()
            .put("id", id)
            .put("sweep", sweep)
            .put("index", index)
            .put("state", state.key())
            .put("attempt", attempt)
            .put("failures", failures)
            .put("parameters", parameters())
            .put("epoch", epoch)
            .put("created", created)
            .put("started", started)
            .put("finished", finished)
            .put("worker", worker)
            .put("rung", rung)
            .put("prunedAtRung", prunedAtRung)
            .put("checkpoint", checkpoint)
            .put("params", params)
            .put("macs", macs)
            .put("error", error)
            .put("noPrune", noPrune)
            .put("result", result)
            .put("epochValues", epochValues)
            .put("attempts", a);
    for (String k : RESULT_FIELDS) j.put(k, result == null ? null : finite(result.getValue(k)));
    return j;
  }

  private static Object finite(Object v) {
    return v instanceof Number n && !Double.isFinite(n.doubleValue()) ? null : v;
  }

  /**
   * Rebuilds a trial from its stored document (coordinator restart, or the API normalising an old
   * row). Documents written before attempts were kept have none: {@code attempts} is then empty.
   */
  public static Trial fromJson(JsonObject j) {
    Trial t =
        new Trial(
            j.getString("id"),
            j.getString("sweep"),
            j.getInteger("index", 0),
            j.getJsonObject("parameters", new JsonObject()),
            // a document from before the field existed: created now
            Objects.requireNonNullElseGet(j.getString("created"), () -> Instant.now().toString()));
    t.state = TrialState.of(j.getString("state", "")).orElse(TrialState.QUEUED);
    t.attempt = j.getInteger("attempt", 0);
    t.failures = j.getInteger("failures", 0);
    t.worker = j.getString("worker");
    t.epoch = j.getInteger("epoch", 0);
    t.rung = j.getInteger("rung");
    t.prunedAtRung = j.getInteger("prunedAtRung");
    t.checkpoint = j.getJsonObject("checkpoint");
    t.result = j.getJsonObject("result");
    t.epochValues = j.getJsonObject("epochValues");
    t.params = j.getLong("params");
    t.macs = j.getLong("macs");
    t.error = j.getString("error");
    t.noPrune = j.getBoolean("noPrune", false);
    t.started = j.getString("started");
    t.finished = j.getString("finished");
    JsonArray a = j.getJsonArray("attempts", new JsonArray());
    for (int i = 0; i < a.size(); i++) t.attempts.add(Attempt.fromJson(a.getJsonObject(i)));
    return t;
  }
}
