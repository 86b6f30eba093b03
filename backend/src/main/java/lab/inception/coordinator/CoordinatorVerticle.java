package lab.inception.coordinator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import lab.inception.coordinator.sched.Scheduler;
import lab.inception.coordinator.sched.Sweep;
import lab.inception.coordinator.sched.SweepState;
import lab.inception.coordinator.sched.Trial;
import lab.inception.coordinator.search.Sampler;
import lab.inception.coordinator.store.Store;
import lab.inception.coordinator.sweep.SweepSpec;
import lab.inception.worker.protocol.Addresses;
import lab.inception.worker.protocol.Heartbeat;
import lab.inception.worker.protocol.LeaseRequest;
import lab.inception.worker.protocol.MetricBatch;
import lab.inception.worker.protocol.MetricBatchCodec;
import lab.inception.worker.protocol.MetricPoint;
import lab.inception.worker.protocol.StopTrial;
import lab.inception.worker.protocol.TrialEvent;

/**
 * The coordinator: answers workers' lease requests and heartbeats, takes their metrics and trial
 * events, runs the {@link Scheduler} on its event loop, and writes every change to the {@link
 * Store} and the {@link EventHub}. On start it restores every sweep and trial from the store.
 */
public final class CoordinatorVerticle extends VerticleBase implements Scheduler.Listener {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(CoordinatorVerticle.class);

  private final Store store;
  private final EventHub hub;
  private final CoordinatorConfig config;
  private Scheduler scheduler;
  private boolean workSignalQueued;
  private List<Trial> changedTrials = new ArrayList<>();

  public CoordinatorVerticle(Store store, EventHub hub, CoordinatorConfig config) {
    this.store = store;
    this.hub = hub;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    MetricBatchCodec.register(vertx.eventBus());
    scheduler = new Scheduler(this, config.leaseMs(), config.maxRetries(), config.checkpointRoot());
    // a store of many trials takes seconds to rebuild: streamed on the store's thread, before any
    // consumer or timer can reach the scheduler
    return store
        .restoreInto(scheduler.restorer(System.currentTimeMillis()))
        .compose(
            restored -> {
              EventBus bus = vertx.eventBus();
              vertx.setPeriodic(
                  Math.max(50, config.leaseMs() / 4),
                  id -> scheduler.expire(System.currentTimeMillis()));
              return Future.all(
                  List.of(
                      bus.<JsonObject>consumer(Addresses.LEASE_REQUEST, this::onLeaseRequest)
                          .completion(),
                      bus.<JsonObject>consumer(Addresses.HEARTBEAT, this::onHeartbeat).completion(),
                      bus.<MetricBatch>consumer(Addresses.METRICS, this::onMetrics).completion(),
                      bus.<JsonObject>consumer(Addresses.TRIAL_EVENT, this::onTrialEvent)
                          .completion(),
                      bus.<JsonObject>localConsumer(
                              CoordinatorAddresses.SWEEP_SUBMIT, this::onSubmit)
                          .completion(),
                      bus.<JsonObject>localConsumer(
                              CoordinatorAddresses.SWEEP_CONTROL, this::onControl)
                          .completion(),
                      bus.<JsonObject>localConsumer(
                              CoordinatorAddresses.SWEEP_DELETE, this::onDelete)
                          .completion(),
                      bus.<JsonObject>localConsumer(CoordinatorAddresses.TRIAL_RETRY, this::onRetry)
                          .completion(),
                      bus.<JsonObject>localConsumer(CoordinatorAddresses.WORKERS, this::onWorkers)
                          .completion(),
                      bus.<JsonObject>localConsumer(
                              CoordinatorAddresses.NODE_LEFT, this::onNodeLeft)
                          .completion()));
            })
        .onSuccess(
            listening -> {
              if (scheduler.sweeps().stream().anyMatch(s -> s.state() == SweepState.RUNNING))
                workAvailable();
            });
  }

  /** Writes the trial documents still queued (unless the store is closed already). */
  @Override
  public Future<?> stop() {
    flushTrials();
    return store.barrier().otherwiseEmpty();
  }

  // ---- workers ----

  private void onLeaseRequest(Message<JsonObject> m) {
    LeaseRequest req = LeaseRequest.fromJson(m.body());
    m.reply(
        scheduler
            .lease(req, System.currentTimeMillis())
            .map(l -> l.toJson())
            .orElse(new JsonObject()));
  }

  private void onHeartbeat(Message<JsonObject> m) {
    List<StopTrial> stops =
        scheduler.heartbeat(Heartbeat.fromJson(m.body()), System.currentTimeMillis());
    JsonArray a = new JsonArray();
    stops.forEach(s -> a.add(s.toJson()));
    m.reply(new JsonObject().put("stop", a));
  }

  private void onMetrics(Message<MetricBatch> m) {
    List<MetricPoint> kept = scheduler.accept(m.body().points());
    if (kept.isEmpty()) return;
    store.insertMetrics(kept);
    String sweep = null;
    int from = 0;
    for (int i = 0; i <= kept.size(); i++) {
      String s =
          i < kept.size()
              ? scheduler.trial(kept.get(i).trial()).map(Trial::sweep).orElse(null)
              : null;
      if (i == kept.size() || (sweep != null && !sweep.equals(s))) {
        if (sweep != null) hub.metrics(sweep, kept.subList(from, i));
        from = i;
      }
      sweep = s;
    }
  }

  private void onTrialEvent(Message<JsonObject> m) {
    TrialEvent e;
    try {
      e = TrialEvent.fromJson(m.body());
    } catch (IllegalArgumentException x) {
      LOG.warn("ignored a trial event that is not the protocol's: {}", x.getMessage());
      return;
    }
    scheduler.onEvent(e, System.currentTimeMillis());
  }

  private void onNodeLeft(Message<JsonObject> m) {
    scheduler.nodeLeft(m.body().getString("node"));
  }

  // ---- the API's commands ----

  /** A new sweep, built off the event loop: its grid may hold thousands of trials. */
  private record NewSweep(Sweep state, List<JsonObject> docs) {}

  private void onSubmit(Message<JsonObject> m) {
    String id = newId();
    vertx
        .executeBlocking(
            () -> {
              SweepSpec spec = SweepSpec.fromJson(m.body().getJsonObject("spec"));
              List<Map<String, Object>> configs = Sampler.of(spec).initial();
              Sweep s = Scheduler.newSweep(id, spec, configs);
              return new NewSweep(s, s.trials().stream().map(Trial::toJson).toList());
            },
            false)
        .compose(
            n ->
                store
                    .insertSweep(n.state().toJson(), m.body().getString("source"), n.docs())
                    .map(n))
        .onSuccess(
            n -> {
              scheduler.add(n.state());
              hub.sweep(id, n.state().state().key());
              m.reply(new JsonObject().put("id", id).put("trials", n.docs().size()));
            })
        .onFailure(
            e ->
                m.fail(
                    e instanceof IllegalArgumentException ? 400 : 500,
                    (e instanceof IllegalArgumentException ? "" : "could not store the sweep: ")
                        + e.getMessage()));
  }

  private void onControl(Message<JsonObject> m) {
    String id = m.body().getString("sweep");
    String action = m.body().getString("action");
    act(
        m,
        () -> {
          switch (action) {
            case "cancel" -> scheduler.cancel(id);
            case "pause" -> scheduler.pause(id);
            case "resume" -> scheduler.resume(id);
            default -> throw new IllegalArgumentException("unknown action " + action);
          }
          return new JsonObject()
              .put("id", id)
              .put("state", scheduler.sweep(id).orElseThrow().state().key());
        });
  }

  /**
   * Deletes a finished sweep: forgotten by the scheduler at once (so nothing leases or records its
   * trials again), then its rows in one transaction, then its checkpoint directory (logs,
   * checkpoints, exported weights) under the checkpoint root.
   */
  private void onDelete(Message<JsonObject> m) {
    String id = m.body().getString("sweep");
    if (command(
            m,
            () -> {
              scheduler.remove(id);
              return id;
            })
        .isEmpty()) return;
    flushTrials();
    store
        .deleteSweep(id)
        .compose(
            n ->
                vertx.executeBlocking(
                    () -> {
                      deleteTree(Path.of(config.checkpointRoot(), id));
                      return n;
                    },
                    false))
        .onSuccess(n -> m.reply(new JsonObject().put("id", id).put("trials", n)))
        .onFailure(e -> m.fail(500, "could not delete sweep " + id + ": " + e.getMessage()));
  }

  /** Deletes a directory and everything under it (nothing when it does not exist). */
  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private void onRetry(Message<JsonObject> m) {
    String id = m.body().getString("trial");
    act(
        m,
        () -> {
          scheduler.retry(id);
          return scheduler.trial(id).orElseThrow().toJson();
        });
  }

  private void onWorkers(Message<JsonObject> m) {
    m.reply(new JsonObject().put("workers", scheduler.workers()));
  }

  /** Runs a command, replies the document once the store has it. */
  private void act(Message<JsonObject> m, java.util.function.Supplier<JsonObject> action) {
    command(m, action)
        .ifPresent(
            reply -> {
              flushTrials();
              store.barrier().onComplete(x -> m.reply(reply));
            });
  }

  /**
   * Runs a scheduler command; a refusal fails the message with its status (404 unknown, 409 not
   * now, 400 bad) and gives empty.
   */
  private <T> Optional<T> command(Message<JsonObject> m, java.util.function.Supplier<T> action) {
    try {
      return Optional.of(action.get());
    } catch (Scheduler.NotFound e) {
      m.fail(404, e.getMessage());
    } catch (IllegalStateException e) {
      m.fail(409, e.getMessage());
    } catch (IllegalArgumentException e) {
      m.fail(400, e.getMessage());
    }
    return Optional.empty();
  }

  private static String newId() {
    return Long.toString(System.currentTimeMillis(), 36)
        + UUID.randomUUID().toString().substring(0, 4);
  }

  // ---- Scheduler.Listener ----

  /**
   * Queues a snapshot of the trial; the trials changed in one turn of the event loop are encoded
   * and written in one transaction on the store's thread (a cancelled sweep of 10,000 trials: one
   * write, not 10,000, and no document built on the event loop).
   */
  @Override
  public void trialChanged(Trial t) {
    changedTrials.add(t.snapshot());
    if (changedTrials.size() == 1) vertx.runOnContext(v -> flushTrials());
    hub.trial(t.id(), t.sweep(), t.state().key(), t.attempt());
  }

  /** Writes the queued trial documents (before any write that must follow them). */
  private void flushTrials() {
    if (changedTrials.isEmpty()) return;
    List<Trial> docs = changedTrials;
    changedTrials = new ArrayList<>();
    store.saveTrials(docs, Trial::toJson);
  }

  @Override
  public void sweepChanged(Sweep s) {
    flushTrials();
    store.updateSweepState(s.id(), s.state().key());
    hub.sweep(s.id(), s.state().key());
  }

  @Override
  public void stop(String worker, StopTrial command) {
    if (worker != null) {
      vertx.eventBus().request(Addresses.workerControl(worker), command.toJson());
    }
  }

  @Override
  public void rungRecorded(String sweep, int rung, String trial, double value) {
    flushTrials();
    store.saveRung(sweep, rung, trial, value);
  }

  /** Fits the sampler on a worker thread; the proposal comes back to the scheduler on the loop. */
  @Override
  public void propose(Scheduler.Proposal p) {
    vertx
        .executeBlocking(p::compute, false)
        .onComplete(
            r -> {
              if (r.failed()) LOG.warn("sweep {}: the sampler failed", p.sweep(), r.cause());
              scheduler.proposed(
                  p.sweep(), p.index(), r.succeeded() ? r.result() : java.util.Optional.empty());
            });
  }

  @Override
  public void workAvailable() {
    if (workSignalQueued) return;
    workSignalQueued = true;
    vertx.runOnContext(
        v -> {
          workSignalQueued = false;
          vertx.eventBus().publish(Addresses.WORK_AVAILABLE, new JsonObject());
        });
  }
}
