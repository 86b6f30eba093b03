package lab.inception.coordinator.sched;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.inception.coordinator.sweep.SweepSpec;
import lab.inception.worker.protocol.Heartbeat;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.LeaseRequest;
import lab.inception.worker.protocol.MetricPoint;
import lab.inception.worker.protocol.StopTrial;
import lab.inception.worker.protocol.TrialEvent;

/**
 * The coordinator's decisions, free of I/O: which trial a free slot gets (pull-based leases with
 * attempt numbers), lease renewal and expiry, requeueing the trials of a worker that died, trial
 * outcomes and retries, early stopping at rungs, and sweep control. Single-threaded: the
 * coordinator verticle calls it from its event loop; effects go out through {@link Listener}.
 */
public final class Scheduler {

  /** Where the scheduler's decisions go: the store, the event stream and the workers. */
  public interface Listener {
    void trialChanged(TrialState t);

    void sweepChanged(SweepState s);

    void stop(String worker, StopTrial command);

    void rungRecorded(String sweep, int rung, String trial, double value);

    void workAvailable();
  }

  private final Listener out;
  private final long leaseMs;
  private final int maxRetries;
  private final String checkpointRoot;
  private final Map<String, SweepState> sweeps = new LinkedHashMap<>();
  private final Map<String, TrialState> trials = new LinkedHashMap<>();
  private final Map<String, WorkerInfo> workers = new LinkedHashMap<>();

  /**
   * @param leaseMs how long a lease holds without a heartbeat
   * @param maxRetries automatic retries of a trial whose process failed
   * @param checkpointRoot the directory holding every trial's checkpoint directory
   */
  public Scheduler(Listener out, long leaseMs, int maxRetries, String checkpointRoot) {
    this.out = out;
    this.leaseMs = leaseMs;
    this.maxRetries = maxRetries;
    this.checkpointRoot = checkpointRoot;
  }

  // ---- sweeps ----

  /** Builds a new sweep with its queued trials (not yet scheduled: see {@link #add}). */
  public static SweepState newSweep(String id, SweepSpec spec, List<Map<String, Object>> configs) {
    SweepState s = new SweepState(id, spec, Instant.now().toString());
    for (int i = 0; i < configs.size(); i++) {
      s.trials.add(
          new TrialState(String.format("%s-t%03d", id, i), id, i, new JsonObject(configs.get(i))));
    }
    return s;
  }

  /** Schedules a sweep (new, or restored after a restart). */
  public void add(SweepState s) {
    int maxEpochs =
        s.trials.stream().mapToInt(t -> t.parameters.getInteger("epochs", 1)).max().orElse(1);
    s.stopper = EarlyStopper.of(s.spec.earlyStopping(), maxEpochs);
    sweeps.put(s.id, s);
    s.trials.forEach(t -> trials.put(t.id, t));
    if (s.state.equals(SweepState.RUNNING)) out.workAvailable();
  }

  /** Rebuilds the state after a coordinator restart; running trials get a fresh lease period. */
  public void restore(JsonArray sweepRows, JsonArray trialDocs, JsonArray rungs, long now) {
    Map<String, List<TrialState>> bySweep = new LinkedHashMap<>();
    for (int i = 0; i < trialDocs.size(); i++) {
      TrialState t = TrialState.fromJson(trialDocs.getJsonObject(i));
      if (t.state.equals(TrialState.RUNNING)) t.leaseExpires = now + leaseMs;
      bySweep.computeIfAbsent(t.sweep, k -> new ArrayList<>()).add(t);
    }
    for (int i = sweepRows.size() - 1; i >= 0; i--) {
      JsonObject r = sweepRows.getJsonObject(i);
      SweepState s =
          new SweepState(
              r.getString("id"),
              SweepSpec.fromJson(r.getJsonObject("spec")),
              r.getString("created"));
      s.state = r.getString("state");
      s.trials.addAll(bySweep.getOrDefault(s.id, List.of()));
      add(s);
    }
    for (int i = 0; i < rungs.size(); i++) {
      JsonObject r = rungs.getJsonObject(i);
      SweepState s = sweeps.get(r.getString("sweep"));
      if (s != null && s.stopper != null)
        s.stopper.restore(r.getString("trial"), r.getInteger("rung"), r.getDouble("value"));
    }
  }

  public Optional<SweepState> sweep(String id) {
    return Optional.ofNullable(sweeps.get(id));
  }

  public Optional<TrialState> trial(String id) {
    return Optional.ofNullable(trials.get(id));
  }

  public Collection<SweepState> sweeps() {
    return sweeps.values();
  }

  /** Stops leasing the sweep's trials; running ones finish. */
  public void pause(String id) {
    SweepState s = require(id);
    if (s.state.equals(SweepState.PAUSED)) return;
    if (!s.state.equals(SweepState.RUNNING))
      throw conflict("sweep " + id + " is " + s.state + ", only a running sweep can be paused");
    s.state = SweepState.PAUSED;
    out.sweepChanged(s);
  }

  public void resume(String id) {
    SweepState s = require(id);
    if (s.state.equals(SweepState.RUNNING)) return;
    if (!s.state.equals(SweepState.PAUSED))
      throw conflict("sweep " + id + " is " + s.state + ", only a paused sweep can be resumed");
    s.state = SweepState.RUNNING;
    out.sweepChanged(s);
    out.workAvailable();
  }

  /** Cancels every trial not yet finished and stops the running ones' processes. */
  public void cancel(String id) {
    SweepState s = require(id);
    if (s.state.equals(SweepState.CANCELLED)) return;
    if (s.finished()) throw conflict("sweep " + id + " is already " + s.state);
    // cancelled first, so that finishing each trial does not look for the sweep's end
    // (which would scan all its trials once per trial)
    s.state = SweepState.CANCELLED;
    for (TrialState t : s.trials) {
      if (t.terminal()) continue;
      if (t.state.equals(TrialState.RUNNING) && t.worker != null) {
        out.stop(t.worker, new StopTrial(t.id, t.attempt, "cancelled"));
      }
      finish(t, TrialState.CANCELLED);
    }
    out.sweepChanged(s);
  }

  /** Queues a failed, pruned or cancelled trial again; it resumes from its last checkpoint. */
  public void retry(String trialId) {
    TrialState t = trials.get(trialId);
    if (t == null) throw new NotFound("unknown trial '" + trialId + "'");
    if (!(t.state.equals(TrialState.FAILED)
        || t.state.equals(TrialState.PRUNED)
        || t.state.equals(TrialState.CANCELLED))) {
      throw conflict(
          "trial "
              + trialId
              + " is "
              + t.state
              + "; only failed, pruned or cancelled trials can be retried");
    }
    if (t.state.equals(TrialState.PRUNED)) t.noPrune = true;
    t.state = TrialState.QUEUED;
    t.failures = 0;
    t.error = null;
    t.finished = null;
    out.trialChanged(t);
    SweepState s = sweeps.get(t.sweep);
    if (!s.state.equals(SweepState.RUNNING) && !s.state.equals(SweepState.PAUSED)) {
      s.state = SweepState.RUNNING;
      out.sweepChanged(s);
    }
    out.workAvailable();
  }

  // ---- leases ----

  /** Leases the next queued trial of a running sweep to a free slot, if any. */
  public Optional<Lease> lease(LeaseRequest req, long now) {
    worker(req.worker(), req.node(), now);
    for (SweepState s : sweeps.values()) {
      if (!s.state.equals(SweepState.RUNNING)) continue;
      int max = s.spec.maxConcurrent();
      if (max > 0 && s.running() >= max) continue;
      for (TrialState t : s.trials) {
        if (!t.state.equals(TrialState.QUEUED)) continue;
        t.state = TrialState.RUNNING;
        t.attempt++;
        t.worker = req.worker();
        t.node = req.node();
        t.slot = req.slot();
        t.leaseExpires = now + leaseMs;
        if (t.started == null) t.started = Instant.now().toString();
        out.trialChanged(t);
        String dir = checkpointRoot + "/" + s.id + "/" + t.id;
        return Optional.of(new Lease(t.id, s.id, t.attempt, t.parameters.copy(), dir));
      }
    }
    return Optional.empty();
  }

  /** Renews the leases a worker still holds; returns the trials it must stop. */
  public List<StopTrial> heartbeat(Heartbeat hb, long now) {
    WorkerInfo w = worker(hb.worker(), hb.node(), now);
    w.host = hb.host();
    w.devices = hb.devices();
    w.running = hb.running();
    List<StopTrial> stops = new ArrayList<>();
    for (int i = 0; i < hb.running().size(); i++) {
      JsonObject r = hb.running().getJsonObject(i);
      TrialState t = trials.get(r.getString("trial"));
      int attempt = r.getInteger("attempt", 0);
      if (t != null && t.state.equals(TrialState.RUNNING) && t.attempt == attempt) {
        t.worker = hb.worker();
        t.node = hb.node();
        t.leaseExpires = now + leaseMs;
      } else {
        stops.add(new StopTrial(r.getString("trial"), attempt, "lease-lost"));
      }
    }
    return stops;
  }

  /** Requeues every running trial whose lease ran out; forgets workers long silent. */
  public void expire(long now) {
    for (TrialState t : trials.values()) {
      if (t.state.equals(TrialState.RUNNING) && t.leaseExpires < now)
        requeue(t, "lease expired on worker " + t.worker);
    }
    workers.values().removeIf(w -> w.lastSeen < now - 3 * leaseMs);
  }

  /** A cluster node left: its workers are gone and their trials go back to the queue. */
  public void nodeLeft(String node) {
    for (TrialState t : trials.values()) {
      if (t.state.equals(TrialState.RUNNING) && node.equals(t.node))
        requeue(t, "worker node " + node + " left the cluster");
    }
    workers.values().removeIf(w -> node.equals(w.node));
  }

  private void requeue(TrialState t, String why) {
    t.state = TrialState.QUEUED;
    t.error = why;
    t.worker = null;
    t.node = null;
    out.trialChanged(t);
    out.workAvailable();
  }

  // ---- progress ----

  /**
   * Keeps the points of each trial's current attempt; late points of a dead attempt are dropped.
   */
  public List<MetricPoint> accept(List<MetricPoint> points) {
    List<MetricPoint> kept = new ArrayList<>(points.size());
    for (MetricPoint p : points) {
      TrialState t = trials.get(p.trial());
      if (t == null
          || p.name() == null
          || !t.state.equals(TrialState.RUNNING)
          || t.attempt != p.attempt()) continue;
      kept.add(p);
      SweepState s = sweeps.get(t.sweep);
      if (p.name().equals(s.spec.earlyStopping().metric())) t.stopMetric.put(p.epoch(), p.value());
    }
    return kept;
  }

  /** Applies a trial process's event if it concerns the trial's current attempt. */
  public void onEvent(TrialEvent e, long now) {
    TrialState t = trials.get(e.trial());
    if (t == null || t.attempt != e.attempt() || !t.state.equals(TrialState.RUNNING)) return;
    JsonObject d = e.data();
    t.leaseExpires = now + leaseMs;
    switch (e.type()) {
      case "started" -> {
        t.params = d.getLong("params", t.params);
        t.macs = d.getLong("macs", t.macs);
        out.trialChanged(t);
      }
      case "checkpoint" -> {
        t.checkpoint =
            new JsonObject().put("epoch", d.getInteger("epoch")).put("path", d.getString("path"));
        out.trialChanged(t);
      }
      case "epoch" -> onEpoch(t, d);
      case "result" -> {
        t.result = d.copy();
        t.result.remove("type");
        t.params = d.getLong("params", t.params);
        t.macs = d.getLong("macs", t.macs);
        t.error = null;
        finish(t, TrialState.COMPLETED);
      }
      case "error" -> t.error = d.getString("message");
      case "exited" -> onExit(t, d);
      default -> {}
    }
  }

  private void onEpoch(TrialState t, JsonObject d) {
    int epoch = d.getInteger("epoch", t.epoch);
    t.epoch = epoch;
    SweepState s = sweeps.get(t.sweep);
    EarlyStopper es = s.stopper;
    if (es != null && !t.noPrune && es.isRung(epoch)) {
      String metric = s.spec.earlyStopping().metric();
      JsonObject last = d.getJsonObject("last", new JsonObject());
      Double v = last.getDouble(metric, t.stopMetric.get(epoch));
      if (v != null && !v.isNaN()) {
        t.rung = epoch;
        boolean stop = es.report(t.id, epoch, v);
        out.rungRecorded(s.id, epoch, t.id, v);
        if (stop) {
          out.stop(t.worker, new StopTrial(t.id, t.attempt, "pruned"));
          t.prunedAtRung = epoch;
          finish(t, TrialState.PRUNED);
          return;
        }
      }
    }
    out.trialChanged(t);
  }

  private void onExit(TrialState t, JsonObject d) {
    int code = d.getInteger("exitCode", 1);
    if (t.error == null || code != 0) {
      String reason = d.getString("reason", "exit status " + code);
      t.error = t.error == null ? reason : t.error + " (" + reason + ")";
    }
    if (code == 2) {
      finish(t, TrialState.FAILED);
    } else if (++t.failures <= maxRetries) {
      requeue(t, t.error);
    } else {
      finish(t, TrialState.FAILED);
    }
  }

  private void finish(TrialState t, String state) {
    t.state = state;
    t.worker = null;
    t.node = null;
    t.finished = Instant.now().toString();
    out.trialChanged(t);
    SweepState s = sweeps.get(t.sweep);
    if ((s.state.equals(SweepState.RUNNING) || s.state.equals(SweepState.PAUSED))
        && s.trials.stream().allMatch(TrialState::terminal)) {
      boolean anyDone =
          s.trials.stream()
              .anyMatch(
                  x -> x.state.equals(TrialState.COMPLETED) || x.state.equals(TrialState.PRUNED));
      s.state = anyDone ? SweepState.COMPLETED : SweepState.FAILED;
      out.sweepChanged(s);
    }
  }

  // ---- workers ----

  private WorkerInfo worker(String id, String node, long now) {
    WorkerInfo w = workers.computeIfAbsent(id, k -> new WorkerInfo(id));
    w.node = node;
    w.lastSeen = now;
    return w;
  }

  /** The workers heard from recently, with devices and current trials. */
  public JsonArray workers() {
    JsonArray a = new JsonArray();
    workers.values().forEach(w -> a.add(w.toJson()));
    return a;
  }

  private SweepState require(String id) {
    SweepState s = sweeps.get(id);
    if (s == null) throw new NotFound("unknown sweep '" + id + "'");
    return s;
  }

  private static IllegalStateException conflict(String msg) {
    return new IllegalStateException(msg);
  }

  /** An unknown sweep or trial id. */
  public static final class NotFound extends RuntimeException {
    public NotFound(String msg) {
      super(msg);
    }
  }
}
