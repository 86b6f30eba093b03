package lab.inception.coordinator.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.inception.coordinator.sweep.SweepExpander;
import lab.inception.coordinator.sweep.SweepParser;
import lab.inception.coordinator.sweep.SweepSpec;
import lab.inception.worker.protocol.Heartbeat;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.LeaseRequest;
import lab.inception.worker.protocol.MetricPoint;
import lab.inception.worker.protocol.StopTrial;
import lab.inception.worker.protocol.TrialEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  static final class Recorder implements Scheduler.Listener {
    final List<String> stops = new ArrayList<>();
    int work;

    @Override
    public void trialChanged(Trial t) {}

    @Override
    public void sweepChanged(Sweep s) {}

    @Override
    public void stop(String worker, StopTrial c) {
      stops.add(worker + ":" + c.trial() + ":" + c.reason());
    }

    @Override
    public void rungRecorded(String sweep, int rung, String trial, double value) {}

    @Override
    public void workAvailable() {
      work++;
    }
  }

  final Recorder rec = new Recorder();
  final Scheduler s = new Scheduler(rec, 1000, 1, "/ckpt");

  Sweep sweep(String yaml) {
    SweepSpec spec = SweepParser.parse(yaml);
    List<Map<String, Object>> configs = SweepExpander.expand(spec);
    Sweep st = Scheduler.newSweep("s1", spec, configs);
    s.add(st);
    return st;
  }

  static LeaseRequest req(String worker, String node) {
    return new LeaseRequest(worker, node, 0, "cpu");
  }

  static Heartbeat hb(String worker, String node, String trial, int attempt) {
    JsonArray running = new JsonArray();
    if (trial != null) running.add(new JsonObject().put("trial", trial).put("attempt", attempt));
    return new Heartbeat(worker, node, "h", List.of("cpu"), running);
  }

  static TrialEvent event(Lease l, String type, JsonObject data) {
    return new TrialEvent(l.trial(), l.attempt(), "w1", type, data);
  }

  @Test
  @DisplayName("an expired lease goes back to the queue and is leased again with the next attempt")
  void leaseExpiry() {
    sweep("parameters: {lr: [0.1, 0.2]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    assertThat(a.attempt()).isEqualTo(1);
    assertThat(a.checkpointDir()).isEqualTo("/ckpt/s1/s1-t000");
    assertThat(s.heartbeat(hb("w1", "n1", a.trial(), 1), 900)).isEmpty();
    s.expire(1800);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo("running");
    s.expire(1901);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo("queued");
    Lease b = s.lease(req("w2", "n2"), 2000).orElseThrow();
    assertThat(b.trial()).isEqualTo(a.trial());
    assertThat(b.attempt()).isEqualTo(2);
    assertThat(s.heartbeat(hb("w1", "n1", a.trial(), 1), 2100))
        .containsExactly(new StopTrial(a.trial(), 1, "lease-lost"));
    List<MetricPoint> pts =
        List.of(
            new MetricPoint(a.trial(), "train_loss", 5, 1, 1.0, 1, 0L),
            new MetricPoint(a.trial(), "train_loss", 5, 1, 0.9, 2, 0L));
    assertThat(s.accept(pts)).extracting(MetricPoint::attempt).containsExactly(2);
    s.onEvent(event(a, "result", new JsonObject()), 2200);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo("running");
  }

  @Test
  @DisplayName("a node leaving the cluster requeues exactly the trials running on it")
  void nodeLeft() {
    sweep("parameters: {lr: [0.1, 0.2, 0.3]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    Lease b = s.lease(req("w2", "n2"), 0).orElseThrow();
    s.nodeLeft("n1");
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo("queued");
    assertThat(s.trial(b.trial()).orElseThrow().state()).isEqualTo("running");
    assertThat(s.workers()).extracting(o -> ((JsonObject) o).getString("id")).containsExactly("w2");
    assertThat(s.lease(req("w2", "n2"), 1).orElseThrow().trial()).isEqualTo(a.trial());
  }

  @Test
  @DisplayName("maxConcurrent, pause, resume and cancel govern what is leased")
  void control() {
    sweep("maxConcurrent: 1\nparameters: {lr: [0.1, 0.2, 0.3]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    assertThat(s.lease(req("w1", "n1"), 0)).isEmpty();
    s.onEvent(event(a, "result", new JsonObject().put("testAccuracy", 0.5)), 1);
    s.pause("s1");
    assertThat(s.lease(req("w1", "n1"), 2)).isEmpty();
    s.resume("s1");
    Lease b = s.lease(req("w1", "n1"), 3).orElseThrow();
    s.cancel("s1");
    assertThat(rec.stops).containsExactly("w1:" + b.trial() + ":cancelled");
    assertThat(s.sweep("s1").orElseThrow().trials())
        .extracting(Trial::state)
        .containsExactly("completed", "cancelled", "cancelled");
    assertThat(s.sweep("s1").orElseThrow().state()).isEqualTo("cancelled");
    assertThatThrownBy(() -> s.pause("s1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.pause("nope")).isInstanceOf(Scheduler.NotFound.class);
    assertThatThrownBy(() -> s.retry(a.trial())).hasMessageContaining("is completed");
    s.retry(b.trial());
    assertThat(s.sweep("s1").orElseThrow().state()).isEqualTo("running");
    assertThat(s.lease(req("w1", "n1"), 4).orElseThrow().attempt()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "a crashed trial process is retried, bad input is not, and the sweep ends when all trials do")
  void exits() {
    sweep("parameters: {lr: [0.1, 0.2]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    Lease b = s.lease(req("w1", "n1"), 0).orElseThrow();
    s.onEvent(
        event(
            a, "exited", new JsonObject().put("exitCode", 134).put("reason", "killed by SIGABRT")),
        1);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo("queued");
    s.onEvent(event(b, "error", new JsonObject().put("message", "bad dataset")), 1);
    s.onEvent(event(b, "exited", new JsonObject().put("exitCode", 2)), 1);
    assertThat(s.trial(b.trial()).orElseThrow().state()).isEqualTo("failed");
    assertThat(s.trial(b.trial()).orElseThrow().toJson().getString("error"))
        .startsWith("bad dataset");
    Lease a2 = s.lease(req("w1", "n1"), 2).orElseThrow();
    s.onEvent(event(a2, "exited", new JsonObject().put("exitCode", 1)), 3);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo("failed");
    assertThat(s.sweep("s1").orElseThrow().state()).isEqualTo("failed");
  }

  @Test
  @DisplayName("ASHA prunes a trial below the top 1/η at its rung; pruned trials record the rung")
  void asha() {
    sweep(
        "parameters: {lr: [0.1, 0.2, 0.3, 0.4], epochs: 9}\n"
            + "earlyStopping: {type: asha, metric: val_accuracy, gracePeriod: 1, reductionFactor: 3}");
    EarlyStopper.Asha asha = (EarlyStopper.Asha) s.sweep("s1").orElseThrow().stopper;
    assertThat(asha.rungs()).containsExactly(1, 3);
    double[] acc = {0.6, 0.5, 0.9, 0.61};
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 4; i++) leases.add(s.lease(req("w1", "n1"), 0).orElseThrow());
    for (int i = 0; i < 4; i++) {
      Lease l = leases.get(i);
      s.accept(List.of(new MetricPoint(l.trial(), "val_accuracy", 10, 1, acc[i], 1, 0L)));
      s.onEvent(event(l, "epoch", new JsonObject().put("epoch", 1)), 1);
    }
    // rung 1: {0.6} keeps; {0.6,0.5}: cutoff 0.567, 0.5 pruned; {.6,.5,.9}: cutoff .7, .9 keeps;
    // {.6,.5,.9,.61}: cutoff .61 (interpolated 0.6 + 0.667*0.01 ≈ 0.6067 → 0.61 keeps)
    assertThat(leases)
        .extracting(l -> s.trial(l.trial()).orElseThrow().state())
        .containsExactly("running", "pruned", "running", "running");
    assertThat(s.trial(leases.get(1).trial()).orElseThrow().toJson().getInteger("prunedAtRung"))
        .isEqualTo(1);
    assertThat(rec.stops).containsExactly("w1:" + leases.get(1).trial() + ":pruned");
    // epoch 2 is no rung: nothing decided even for a bad value
    s.onEvent(
        event(
            leases.get(0),
            "epoch",
            new JsonObject()
                .put("epoch", 2)
                .put("last", new JsonObject().put("val_accuracy", 0.0))),
        2);
    assertThat(s.trial(leases.get(0).trial()).orElseThrow().state()).isEqualTo("running");
  }

  @Test
  @DisplayName("the median rule prunes below the others' median once enough trials reported")
  void median() {
    sweep(
        "parameters: {lr: [0.1, 0.2, 0.3, 0.4], epochs: 5}\nearlyStopping: {type: median, metric: val_loss, minTrials: 2}");
    double[] loss = {0.5, 0.7, 0.9, 0.6};
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 4; i++) leases.add(s.lease(req("w1", "n1"), 0).orElseThrow());
    for (int i = 0; i < 4; i++) {
      s.onEvent(
          event(
              leases.get(i),
              "epoch",
              new JsonObject()
                  .put("epoch", 1)
                  .put("last", new JsonObject().put("val_loss", loss[i]))),
          1);
    }
    assertThat(leases)
        .extracting(l -> s.trial(l.trial()).orElseThrow().state())
        .containsExactly("running", "running", "pruned", "running");
  }

  @Test
  @DisplayName("percentiles interpolate linearly, as numpy does")
  void percentile() {
    assertThat(EarlyStopper.percentile(List.of(1.0, 2.0, 3.0, 4.0), 50)).isEqualTo(2.5);
    assertThat(EarlyStopper.percentile(List.of(3.0), 66.7)).isEqualTo(3.0);
  }
}
