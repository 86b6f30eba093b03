package lab.inception.worker.verticle;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.protocol.Addresses;
import lab.inception.worker.protocol.FailureKind;
import lab.inception.worker.protocol.Heartbeat;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.LeaseRequest;
import lab.inception.worker.protocol.MetricBatch;
import lab.inception.worker.protocol.MetricBatchCodec;
import lab.inception.worker.protocol.MetricPoint;
import lab.inception.worker.protocol.StopTrial;
import lab.inception.worker.protocol.TrialEvent;
import lab.inception.worker.protocol.TrialMessage;
import lab.inception.worker.protocol.TrialOutput;

/**
 * A worker: for each free device slot it asks the coordinator for a trial ({@code
 * trial.lease.request}), runs it through its {@link TrialLauncher} (a child process by default),
 * turns the trial's JSON lines into batched {@code trial.metrics} and {@code trial.event} messages,
 * renews its leases by heartbeat and stops trials when told to.
 */
public final class TrainingWorkerVerticle extends VerticleBase {

  private static final DeliveryOptions SHORT = new DeliveryOptions().setSendTimeout(5000);

  private final WorkerConfig config;
  private final TrialLauncher launcher;
  private final Map<Integer, Run> runs = new HashMap<>();
  private final boolean[] asking;
  private final List<MetricPoint> pending = new ArrayList<>();
  private String node;
  private String host;
  private Context context;

  /** One trial attempt in one slot. */
  private final class Run implements TrialLauncher.Output {
    final Lease lease;
    final TrialLauncher.Slot slot;
    TrialLauncher.Running running;

    Run(Lease lease, TrialLauncher.Slot slot) {
      this.lease = lease;
      this.slot = slot;
    }

    @Override
    public void line(String line) {
      TrialOutput.Line l = TrialOutput.parse(line); // null: not the protocol's (a library's print)
      if (l instanceof TrialOutput.Metric m) {
        point(m);
      } else if (l instanceof TrialOutput.Message m
          && !(m.message() instanceof TrialMessage.Exited)) { // only the worker says a trial exited
        onContext(() -> event(lease, m.message()));
      }
    }

    private void point(TrialOutput.Metric m) {
      if (Double.isNaN(m.value())) return; // the process had no value to report
      MetricPoint p =
          new MetricPoint(
              lease.trial(), m.name(), m.step(), m.epoch(), m.value(), lease.attempt(), m.time());
      synchronized (pending) {
        pending.add(p);
      }
    }

    @Override
    public void exited(TrialMessage.Exited exit) {
      onContext(() -> finished(this, exit));
    }
  }

  private void onContext(Runnable r) {
    try {
      context.runOnContext(v -> r.run());
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the worker is shutting down: nobody is left to tell
    }
  }

  public TrainingWorkerVerticle(WorkerConfig config, TrialLauncher launcher) {
    this.config = config;
    this.launcher = launcher;
    this.asking = new boolean[config.slots().size()];
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    var cm = ((VertxInternal) vertx).clusterManager();
    node = cm == null ? "local" : cm.getNodeId();
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    EventBus bus = vertx.eventBus();
    MetricBatchCodec.register(bus);
    vertx.setPeriodic(config.metricFlushMs(), id -> flushMetrics());
    vertx.setPeriodic(config.heartbeatMs(), id -> heartbeat());
    vertx.setPeriodic(config.pollMs(), id -> fill());
    return Future.all(
            bus.<JsonObject>consumer(Addresses.workerControl(config.id()), this::onStop)
                .completion(),
            bus.<JsonObject>consumer(Addresses.WORK_AVAILABLE, m -> fill()).completion())
        .onSuccess(v -> fill());
  }

  @Override
  public Future<?> stop() {
    runs.values()
        .forEach(
            r -> {
              if (r.running != null) r.running.stop();
            });
    return Future.succeededFuture();
  }

  /** The worker's id. */
  public String id() {
    return config.id();
  }

  /** How many trials run now. */
  public int busy() {
    return runs.size();
  }

  // ---- leases ----

  private void fill() {
    for (TrialLauncher.Slot slot : config.slots()) {
      if (!runs.containsKey(slot.index()) && !asking[slot.index()]) ask(slot);
    }
  }

  private void ask(TrialLauncher.Slot slot) {
    asking[slot.index()] = true;
    LeaseRequest req = new LeaseRequest(config.id(), node, slot.index(), slot.device());
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.LEASE_REQUEST, req.toJson(), SHORT)
        .onComplete(
            ar -> {
              asking[slot.index()] = false;
              if (ar.failed() || !ar.result().body().containsKey("trial")) return;
              start(Lease.fromJson(ar.result().body()), slot);
            });
  }

  private void start(Lease lease, TrialLauncher.Slot slot) {
    Run run = new Run(lease, slot);
    runs.put(slot.index(), run);
    try {
      run.running = launcher.launch(lease, slot, run);
    } catch (Exception e) {
      runs.remove(slot.index());
      event(
          lease,
          new TrialMessage.Exited(
              FailureKind.CRASH.exitStatus(),
              "could not start the trial: " + e.getMessage(),
              null));
    }
  }

  private void finished(Run run, TrialMessage.Exited exit) {
    flushMetrics();
    event(run.lease, exit);
    if (runs.get(run.slot.index()) == run) runs.remove(run.slot.index());
    if (!runs.containsKey(run.slot.index()) && !asking[run.slot.index()]) ask(run.slot);
  }

  // ---- reports ----

  private void event(Lease lease, TrialMessage message) {
    flushMetrics();
    TrialEvent e = new TrialEvent(lease.trial(), lease.attempt(), config.id(), message);
    vertx.eventBus().send(Addresses.TRIAL_EVENT, e.toJson());
  }

  private void flushMetrics() {
    List<MetricPoint> batch;
    synchronized (pending) {
      if (pending.isEmpty()) return;
      batch = new ArrayList<>(pending);
      pending.clear();
    }
    vertx.eventBus().send(Addresses.METRICS, new MetricBatch(config.id(), batch));
  }

  private void heartbeat() {
    JsonArray running = new JsonArray();
    runs.values()
        .forEach(
            r ->
                running.add(
                    new JsonObject()
                        .put("trial", r.lease.trial())
                        .put("attempt", r.lease.attempt())
                        .put("slot", r.slot.index())));
    List<String> devices = config.slots().stream().map(TrialLauncher.Slot::device).toList();
    Heartbeat hb = new Heartbeat(config.id(), node, host, devices, running);
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.HEARTBEAT, hb.toJson(), SHORT)
        .onSuccess(
            m ->
                m.body()
                    .getJsonArray("stop", new JsonArray())
                    .forEach(o -> stop(StopTrial.fromJson((JsonObject) o))));
  }

  // ---- stopping ----

  private void onStop(Message<JsonObject> m) {
    m.reply(new JsonObject().put("stopped", stop(StopTrial.fromJson(m.body()))));
  }

  private boolean stop(StopTrial s) {
    for (Run r : runs.values()) {
      if (r.lease.trial().equals(s.trial())
          && r.lease.attempt() == s.attempt()
          && r.running != null) {
        r.running.stop();
        return true;
      }
    }
    return false;
  }
}
