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
import lab.inception.coordinator.search.Observation;
import lab.inception.coordinator.search.Sampler;
import lab.inception.coordinator.store.RestoreSink;
import lab.inception.coordinator.sweep.SweepSpec;
import lab.inception.worker.protocol.FailureKind;
import lab.inception.worker.protocol.Heartbeat;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.LeaseRequest;
import lab.inception.worker.protocol.MetricPoint;
import lab.inception.worker.protocol.StopTrial;
import lab.inception.worker.protocol.TrialEvent;
import lab.inception.worker.protocol.TrialMessage;

/**
 * The coordinator's decisions, free of I/O: which trial a free slot gets (pull-based leases with
 * attempt numbers), lease renewal and expiry, requeueing the trials of a worker that died, trial
 * outcomes and retries, early stopping at rungs, and sweep control. Single-threaded: the
 * coordinator verticle calls it from its event loop; effects go out through {@link Listener}.
 */
public final class Scheduler {

  /** Where the scheduler's decisions go: the store, the event stream and the workers. */
  public interface Listener {
    void trialChanged(Trial t);

    void sweepChanged(Sweep s);

    void stop(String worker, StopTrial command);

    void rungRecorded(String sweep, int rung, String trial, double value);

    void workAvailable();

    /**
     * An adaptive sweep wants its next trial: run {@link Proposal#compute()} (off the event loop:
     * it fits the sampler to the history) and hand the result to {@link #proposed}.
     */
    void propose(Proposal p);
  }

  /**
   * A request for an adaptive sweep's trial number {@code index}, with its trials as they were
   * (snapshots: decoding them into the sampler's history happens in {@link #compute()}).
   */
  public record Proposal(
      String sweep, int index, Sampler sampler, SweepSpec spec, List<Trial> trials) {
    public Optional<Sampler.Proposed> compute() {
      List<Observation> history = History.of(spec, trials);
      return sampler.next(index, history);
    }
  }

  private final Listener out;
  private final long leaseMs;
  private final int maxRetries;
  private final String checkpointRoot;
  private final Map<String, Sweep> sweeps = new LinkedHashMap<>();
  private final Map<String, Trial> trials = new LinkedHashMap<>();
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
  public static Sweep newSweep(String id, SweepSpec spec, List<Map<String, Object>> configs) {
    Sweep s = new Sweep(id, spec, Instant.now().toString());
    for (int i = 0; i < configs.size(); i++) {
      s.trials.add(new Trial(Trial.id(id, i), id, i, new JsonObject(configs.get(i))));
    }
    return s;
  }

  /** Schedules a sweep (new, or restored after a restart). */
  public void add(Sweep s) {
    register(s);
    if (s.state == SweepState.RUNNING) out.workAvailable();
  }

  private void register(Sweep s) {
    s.stopper = EarlyStopper.of(s.spec.earlyStopping(), maxEpochs(s));
    s.sampler = Sampler.of(s.spec);
    sweeps.put(s.id, s);
    s.trials.forEach(t -> trials.put(t.id, t));
  }

  /**
   * The most epochs a trial of the sweep trains (ASHA's top rung): of its trials, or for an
   * adaptive sweep, whose trials come later, of its {@code epochs} parameter.
   */
  private static int maxEpochs(Sweep s) {
    if (!s.spec.adaptive()) return s.trials.stream().mapToInt(t -> t.epochs).max().orElse(1);
    Object e =
        s.spec
            .parameters()
            .getOrDefault(
                "epochs", lab.inception.worker.train.TrialParameter.EPOCHS.defaultValue());
    if (e instanceof List<?> l)
      return l.stream().mapToInt(x -> ((Number) x).intValue()).max().orElse(1);
    if (e instanceof Map<?, ?> r) return ((Number) r.get("max")).intValue();
    return ((Number) e).intValue();
  }

  /**
   * Rebuilds the state after a coordinator restart from rows handed over one by one (oldest sweep
   * first, then trials by sweep and index, then rungs); running trials get a fresh lease period.
   * Workers are not told of the restored work here: the caller does that on its own context.
   */
  public RestoreSink restorer(long now) {
    return new RestoreSink() {
      private final Map<String, Sweep> restored = new LinkedHashMap<>();

      @Override
      public void sweep(JsonObject r) {
        Sweep s =
            new Sweep(
                r.getString("id"),
                SweepSpec.fromJson(r.getJsonObject("spec")),
                r.getString("created"));
        s.state = SweepState.of(r.getString("state", "")).orElse(SweepState.RUNNING);
        restored.put(s.id, s);
      }

      @Override
      public void trial(JsonObject doc) {
        Trial t = Trial.fromJson(doc);
        if (t.state == TrialState.RUNNING) t.leaseExpires = now + leaseMs;
        Sweep s = restored.get(t.sweep);
        if (s != null) s.trials.add(t);
      }

      @Override
      public void trialsDone() {
        // off the verticle's context: the verticle signals work once it is listening
        restored.values().forEach(Scheduler.this::register);
      }

      @Override
      public void rung(String sweep, String trial, int rung, double value) {
        Sweep s = sweeps.get(sweep);
        if (s != null && s.stopper != null) s.stopper.restore(trial, rung, value);
      }
    };
  }

  public Optional<Sweep> sweep(String id) {
    return Optional.ofNullable(sweeps.get(id));
  }

  public Optional<Trial> trial(String id) {
    return Optional.ofNullable(trials.get(id));
  }

  public Collection<Sweep> sweeps() {
    return sweeps.values();
  }

  /** Stops leasing the sweep's trials; running ones finish. */
  public void pause(String id) {
    Sweep s = require(id);
    if (s.state == SweepState.PAUSED) return;
    if (s.state != SweepState.RUNNING)
      throw conflict(
          "sweep " + id + " is " + s.state.key() + ", only a running sweep can be paused");
    s.moveTo(SweepState.PAUSED);
    out.sweepChanged(s);
  }

  public void resume(String id) {
    Sweep s = require(id);
    if (s.state == SweepState.RUNNING) return;
    if (s.state != SweepState.PAUSED)
      throw conflict(
          "sweep " + id + " is " + s.state.key() + ", only a paused sweep can be resumed");
    s.moveTo(SweepState.RUNNING);
    out.sweepChanged(s);
    out.workAvailable();
  }

  /** Cancels every trial not yet finished and stops the running ones' processes. */
  public void cancel(String id) {
    Sweep s = require(id);
    if (s.state == SweepState.CANCELLED) return;
    if (s.finished()) throw conflict("sweep " + id + " is already " + s.state.key());
    for (Trial t : s.trials) {
      if (t.terminal()) continue;
      if (t.state == TrialState.RUNNING && t.worker != null) {
        out.stop(t.worker, new StopTrial(t.id, t.attempt, "cancelled"));
      }
      t.endAttempt(Attempt.Outcome.CANCELLED, null, null);
      end(t, TrialState.CANCELLED);
    }
    s.moveTo(SweepState.CANCELLED);
    out.sweepChanged(s);
  }

  /**
   * Forgets a finished sweep and its trials (the store's rows are the caller's to delete). A sweep
   * still running or paused is refused: its trials could be leased or still running.
   *
   * @return the removed sweep
   */
  public Sweep remove(String id) {
    Sweep s = require(id);
    if (!s.finished())
      throw conflict(
          "sweep "
              + id
              + " is "
              + s.state.key()
              + "; cancel it (or let it end) before deleting it");
    sweeps.remove(id);
    s.trials.forEach(t -> trials.remove(t.id));
    return s;
  }

  /** Queues a failed, pruned or cancelled trial again; it resumes from its last checkpoint. */
  public void retry(String trialId) {
    Trial t = trials.get(trialId);
    if (t == null) throw new NotFound("unknown trial '" + trialId + "'");
    if (!t.state.canMoveTo(TrialState.QUEUED) || t.state == TrialState.RUNNING) {
      throw conflict(
          "trial "
              + trialId
              + " is "
              + t.state.key()
              + "; only failed, pruned or cancelled trials can be retried");
    }
    if (t.state == TrialState.PRUNED) t.noPrune = true;
    t.moveTo(TrialState.QUEUED);
    t.failures = 0;
    t.error = null;
    t.finished = null;
    out.trialChanged(t);
    Sweep s = sweeps.get(t.sweep);
    if (s.finished()) {
      s.moveTo(SweepState.RUNNING);
      out.sweepChanged(s);
    }
    out.workAvailable();
  }

  // ---- leases ----

  /** Leases the next queued trial of a running sweep to a free slot, if any. */
  public Optional<Lease> lease(LeaseRequest req, long now) {
    worker(req.worker(), req.node(), now);
    for (Sweep s : sweeps.values()) {
      if (s.state != SweepState.RUNNING) continue;
      int max = s.spec.maxConcurrent();
      if (max > 0 && s.running() >= max) continue;
      for (Trial t : s.trials) {
        if (t.state != TrialState.QUEUED) continue;
        t.moveTo(TrialState.RUNNING);
        t.attempt++;
        t.worker = req.worker();
        t.node = req.node();
        t.slot = req.slot();
        t.leaseExpires = now + leaseMs;
        String at = Instant.ofEpochMilli(now).toString();
        if (t.started == null) t.started = at;
        String dir = checkpointRoot + "/" + s.id + "/" + t.id;
        t.attempts.add(
            Attempt.started(
                t.attempt, req.worker(), req.device(), at, dir + "/attempt-" + t.attempt + ".log"));
        out.trialChanged(t);
        return Optional.of(new Lease(t.id, s.id, t.attempt, t.parameters(), dir));
      }
      if (s.wantsMore() && !s.proposing) {
        s.proposing = true;
        out.propose(new Proposal(s.id, s.trials.size(), s.sampler, s.spec, History.snapshot(s)));
      }
    }
    return Optional.empty();
  }

  /**
   * The sampler's answer to a {@link Proposal}: the new trial is queued (and workers told), unless
   * the sweep moved on meanwhile; no answer ends the sweep's proposals.
   */
  public void proposed(String sweepId, int index, Optional<Sampler.Proposed> p) {
    Sweep s = sweeps.get(sweepId);
    if (s == null) return;
    s.proposing = false;
    if (s.state != SweepState.RUNNING || index != s.trials.size()) {
      if (s.state == SweepState.RUNNING) out.workAvailable();
      return;
    }
    if (p.isEmpty()) {
      s.exhausted = true;
      finishIfDone(s);
      return;
    }
    Trial t = new Trial(Trial.id(s.id, index), s.id, index, new JsonObject(p.get().config()));
    t.params = p.get().params();
    t.macs = p.get().macs();
    s.trials.add(t);
    trials.put(t.id, t);
    out.trialChanged(t);
    out.workAvailable();
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
      Trial t = trials.get(r.getString("trial"));
      int attempt = r.getInteger("attempt", 0);
      if (t != null && t.state == TrialState.RUNNING && t.attempt == attempt) {
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
    for (Trial t : trials.values()) {
      if (t.state == TrialState.RUNNING && t.leaseExpires < now) {
        String why = "lease expired on worker " + t.worker;
        t.endAttempt(Attempt.Outcome.LOST, why, null);
        requeue(t, why);
      }
    }
    workers.values().removeIf(w -> w.lastSeen < now - 3 * leaseMs);
  }

  /** A cluster node left: its workers are gone and their trials go back to the queue. */
  public void nodeLeft(String node) {
    for (Trial t : trials.values()) {
      if (t.state == TrialState.RUNNING && node.equals(t.node)) {
        String why = "worker node " + node + " left the cluster";
        t.endAttempt(Attempt.Outcome.LOST, why, null);
        requeue(t, why);
      }
    }
    workers.values().removeIf(w -> node.equals(w.node));
  }

  private void requeue(Trial t, String why) {
    t.moveTo(TrialState.QUEUED);
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
      Trial t = trials.get(p.trial());
      if (t == null
          || p.name() == null
          || t.state != TrialState.RUNNING
          || t.attempt != p.attempt()) continue;
      kept.add(p);
    }
    return kept;
  }

  /** Applies a trial process's message if it concerns the trial's current attempt. */
  public void onEvent(TrialEvent e, long now) {
    Trial t = trials.get(e.trial());
    if (t == null || t.attempt != e.attempt()) return;
    TrialMessage m = e.message();
    if (t.state != TrialState.RUNNING) {
      // a finished attempt's process exits after its result: its log tail still belongs to it
      if (m instanceof TrialMessage.Exited x && t.attachLogTail(e.attempt(), x.logTail()))
        out.trialChanged(t);
      return;
    }
    t.leaseExpires = now + leaseMs;
    if (m instanceof TrialMessage.Started st) {
      t.params = st.params();
      t.macs = st.macs();
      out.trialChanged(t);
    } else if (m instanceof TrialMessage.Checkpoint c) {
      t.checkpoint = new JsonObject().put("epoch", c.epoch()).put("path", c.path());
      out.trialChanged(t);
    } else if (m instanceof TrialMessage.Epoch ep) {
      onEpoch(t, ep);
    } else if (m instanceof TrialMessage.Result r) {
      t.result = r.toJson();
      t.result.remove("type");
      t.params = r.result().params();
      t.macs = r.result().macs();
      t.error = null;
      t.endAttempt(Attempt.Outcome.COMPLETED, null, null);
      finish(t, TrialState.COMPLETED);
    } else if (m instanceof TrialMessage.Failure f) {
      t.error = f.message();
    } else if (m instanceof TrialMessage.Exited x) {
      onExit(t, x);
    }
  }

  private void onEpoch(Trial t, TrialMessage.Epoch ep) {
    t.epoch = ep.epoch();
    JsonObject values = new JsonObject();
    ep.metrics()
        .forEach(
            (k, v) -> {
              if (v != null && Double.isFinite(v)) values.put(k.key(), v);
            });
    t.epochValues = values;
    Sweep s = sweeps.get(t.sweep);
    EarlyStopper es = s.stopper;
    if (es != null && !t.noPrune && es.isRung(ep.epoch())) {
      Double v = ep.value(s.spec.earlyStopping().metric());
      if (v != null && !v.isNaN()) {
        t.rung = ep.epoch();
        boolean stop = es.report(t.id, ep.epoch(), v);
        out.rungRecorded(s.id, ep.epoch(), t.id, v);
        if (stop) {
          out.stop(t.worker, new StopTrial(t.id, t.attempt, "pruned"));
          t.prunedAtRung = ep.epoch();
          t.endAttempt(Attempt.Outcome.PRUNED, null, null);
          finish(t, TrialState.PRUNED);
          return;
        }
      }
    }
    out.trialChanged(t);
  }

  /**
   * The trial process ended without a result. Its exit status says the kind of failure: bad input
   * and divergence end the trial at once, a crash is retried up to {@code maxRetries} times.
   */
  private void onExit(Trial t, TrialMessage.Exited x) {
    FailureKind kind = FailureKind.ofExitStatus(x.exitCode());
    if (t.error == null || !x.ok()) {
      String reason = x.reason() != null ? x.reason() : "exit status " + x.exitCode();
      t.error = t.error == null ? reason : t.error + " (" + reason + ")";
    }
    t.endAttempt(outcome(kind), t.error, x.logTail());
    if (kind.retryable() && ++t.failures <= maxRetries) {
      requeue(t, t.error);
    } else {
      finish(t, TrialState.FAILED);
    }
  }

  private static Attempt.Outcome outcome(FailureKind kind) {
    return switch (kind) {
      case BAD_INPUT -> Attempt.Outcome.BAD_INPUT;
      case DIVERGED -> Attempt.Outcome.DIVERGED;
      case CRASH -> Attempt.Outcome.CRASHED;
    };
  }

  private void end(Trial t, TrialState state) {
    t.moveTo(state);
    t.worker = null;
    t.node = null;
    t.finished = Instant.now().toString();
    out.trialChanged(t);
  }

  /** Ends a trial and, when it was its sweep's last, the sweep. */
  private void finish(Trial t, TrialState state) {
    end(t, state);
    Sweep s = sweeps.get(t.sweep);
    if (s.wantsMore()) out.workAvailable();
    finishIfDone(s);
  }

  private void finishIfDone(Sweep s) {
    if (!s.finished() && !s.wantsMore() && s.trials.stream().allMatch(Trial::terminal)) {
      boolean anyDone = s.trials.stream().anyMatch(x -> x.state.succeeded());
      s.moveTo(anyDone ? SweepState.COMPLETED : SweepState.FAILED);
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

  private Sweep require(String id) {
    Sweep s = sweeps.get(id);
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
