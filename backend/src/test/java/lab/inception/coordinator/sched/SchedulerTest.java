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
import lab.inception.worker.protocol.FailureKind;
import lab.inception.worker.protocol.Heartbeat;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.LeaseRequest;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.protocol.MetricPoint;
import lab.inception.worker.protocol.StopTrial;
import lab.inception.worker.protocol.TrialEvent;
import lab.inception.worker.protocol.TrialMessage;
import lab.inception.worker.train.TrialResult;
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

    final List<Scheduler.Proposal> proposals = new ArrayList<>();

    @Override
    public void propose(Scheduler.Proposal p) {
      proposals.add(p);
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

  static TrialEvent event(Lease l, TrialMessage m) {
    return new TrialEvent(l.trial(), l.attempt(), "w1", m);
  }

  static TrialMessage result(double testAccuracy) {
    return new TrialMessage.Result(
        new TrialResult(testAccuracy, 0.9, 0.5, 0.5, 1.0, 10.0, 100L, 1000L, 1, false));
  }

  static TrialMessage exited(int code, String reason) {
    return new TrialMessage.Exited(code, reason, null);
  }

  static TrialMessage epoch(int epoch, Metric metric, double value) {
    return new TrialMessage.Epoch(epoch, epoch * 10L, Map.of(metric, value));
  }

  @Test
  @DisplayName("an expired lease goes back to the queue and is leased again with the next attempt")
  void leaseExpiry() {
    sweep("parameters: {model: googlenet, lr: [0.1, 0.2]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    assertThat(a.attempt()).isEqualTo(1);
    assertThat(a.checkpointDir()).isEqualTo("/ckpt/s1/s1-t000");
    assertThat(s.heartbeat(hb("w1", "n1", a.trial(), 1), 900)).isEmpty();
    s.expire(1800);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo(TrialState.RUNNING);
    s.expire(1901);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo(TrialState.QUEUED);
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
    s.onEvent(event(a, result(0.5)), 2200);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo(TrialState.RUNNING);
  }

  @Test
  @DisplayName("a node leaving the cluster requeues exactly the trials running on it")
  void nodeLeft() {
    sweep("parameters: {model: googlenet, lr: [0.1, 0.2, 0.3]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    Lease b = s.lease(req("w2", "n2"), 0).orElseThrow();
    s.nodeLeft("n1");
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo(TrialState.QUEUED);
    assertThat(s.trial(b.trial()).orElseThrow().state()).isEqualTo(TrialState.RUNNING);
    assertThat(s.workers()).extracting(o -> ((JsonObject) o).getString("id")).containsExactly("w2");
    assertThat(s.lease(req("w2", "n2"), 1).orElseThrow().trial()).isEqualTo(a.trial());
  }

  @Test
  @DisplayName("maxConcurrent, pause, resume and cancel govern what is leased")
  void control() {
    sweep("maxConcurrent: 1\nparameters: {model: googlenet, lr: [0.1, 0.2, 0.3]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    assertThat(s.lease(req("w1", "n1"), 0)).isEmpty();
    s.onEvent(event(a, result(0.5)), 1);
    s.pause("s1");
    assertThat(s.lease(req("w1", "n1"), 2)).isEmpty();
    s.resume("s1");
    Lease b = s.lease(req("w1", "n1"), 3).orElseThrow();
    s.cancel("s1");
    assertThat(rec.stops).containsExactly("w1:" + b.trial() + ":cancelled");
    assertThat(s.sweep("s1").orElseThrow().trials())
        .extracting(t -> t.state().key())
        .containsExactly("completed", "cancelled", "cancelled");
    assertThat(s.sweep("s1").orElseThrow().state()).isEqualTo(SweepState.CANCELLED);
    assertThatThrownBy(() -> s.pause("s1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.pause("nope")).isInstanceOf(Scheduler.NotFound.class);
    assertThatThrownBy(() -> s.retry(a.trial())).hasMessageContaining("is completed");
    s.retry(b.trial());
    assertThat(s.sweep("s1").orElseThrow().state()).isEqualTo(SweepState.RUNNING);
    assertThat(s.lease(req("w1", "n1"), 4).orElseThrow().attempt()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "a crashed trial process is retried, bad input is not, and the sweep ends when all trials do")
  void exits() {
    sweep("parameters: {model: googlenet, lr: [0.1, 0.2]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    Lease b = s.lease(req("w1", "n1"), 0).orElseThrow();
    s.onEvent(event(a, exited(134, "killed by SIGABRT")), 1);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo(TrialState.QUEUED);
    s.onEvent(event(b, new TrialMessage.Failure(FailureKind.BAD_INPUT, "bad dataset")), 1);
    s.onEvent(event(b, exited(2, null)), 1);
    assertThat(s.trial(b.trial()).orElseThrow().state()).isEqualTo(TrialState.FAILED);
    assertThat(s.trial(b.trial()).orElseThrow().toJson().getString("error"))
        .startsWith("bad dataset");
    Lease a2 = s.lease(req("w1", "n1"), 2).orElseThrow();
    s.onEvent(event(a2, exited(1, null)), 3);
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo(TrialState.FAILED);
    assertThat(s.sweep("s1").orElseThrow().state()).isEqualTo(SweepState.FAILED);
  }

  @Test
  @DisplayName("ASHA prunes a trial below the top 1/η at its rung; pruned trials record the rung")
  void asha() {
    sweep(
        "parameters: {model: googlenet, lr: [0.1, 0.2, 0.3, 0.4], epochs: 9}\n"
            + "earlyStopping: {type: asha, metric: val_accuracy, gracePeriod: 1, reductionFactor: 3}");
    EarlyStopper.Asha asha = (EarlyStopper.Asha) s.sweep("s1").orElseThrow().stopper;
    assertThat(asha.rungs()).containsExactly(1, 3);
    double[] acc = {0.6, 0.5, 0.9, 0.61};
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 4; i++) leases.add(s.lease(req("w1", "n1"), 0).orElseThrow());
    for (int i = 0; i < 4; i++) {
      Lease l = leases.get(i);
      s.onEvent(event(l, epoch(1, Metric.VAL_ACCURACY, acc[i])), 1);
    }
    // rung 1: {0.6} keeps; {0.6,0.5}: cutoff 0.567, 0.5 pruned; {.6,.5,.9}: cutoff .7, .9 keeps;
    // {.6,.5,.9,.61}: cutoff .61 (interpolated 0.6 + 0.667*0.01 ≈ 0.6067 → 0.61 keeps)
    assertThat(leases)
        .extracting(l -> s.trial(l.trial()).orElseThrow().state().key())
        .containsExactly("running", "pruned", "running", "running");
    assertThat(s.trial(leases.get(1).trial()).orElseThrow().toJson().getInteger("prunedAtRung"))
        .isEqualTo(1);
    assertThat(rec.stops).containsExactly("w1:" + leases.get(1).trial() + ":pruned");
    // epoch 2 is no rung: nothing decided even for a bad value
    s.onEvent(event(leases.get(0), epoch(2, Metric.VAL_ACCURACY, 0.0)), 2);
    assertThat(s.trial(leases.get(0).trial()).orElseThrow().state()).isEqualTo(TrialState.RUNNING);
  }

  @Test
  @DisplayName("the median rule prunes below the others' median once enough trials reported")
  void median() {
    sweep(
        "parameters: {model: googlenet, lr: [0.1, 0.2, 0.3, 0.4], epochs: 5}\nearlyStopping: {type: median, metric: val_loss, minTrials: 2}");
    double[] loss = {0.5, 0.7, 0.9, 0.6};
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 4; i++) leases.add(s.lease(req("w1", "n1"), 0).orElseThrow());
    for (int i = 0; i < 4; i++) {
      s.onEvent(event(leases.get(i), epoch(1, Metric.VAL_LOSS, loss[i])), 1);
    }
    assertThat(leases)
        .extracting(l -> s.trial(l.trial()).orElseThrow().state().key())
        .containsExactly("running", "running", "pruned", "running");
  }

  @Test
  @DisplayName("percentiles interpolate linearly, as numpy does")
  void percentile() {
    assertThat(EarlyStopper.percentile(List.of(1.0, 2.0, 3.0, 4.0), 50)).isEqualTo(2.5);
    assertThat(EarlyStopper.percentile(List.of(3.0), 66.7)).isEqualTo(3.0);
  }

  @Test
  @DisplayName("every attempt is kept with its worker, device, times, outcome, error and log tail")
  void attempts() {
    sweep("parameters: {model: googlenet, lr: [0.1]}");
    Lease a = s.lease(new LeaseRequest("w1", "n1", 0, "gpu:1"), 0).orElseThrow();
    s.onEvent(
        event(a, new TrialMessage.Failure(FailureKind.CRASH, "java.lang.OutOfMemoryError")), 1);
    s.onEvent(event(a, new TrialMessage.Exited(1, "exit status 1: OOM", "line 1\nOOM")), 1);
    Lease b = s.lease(req("w2", "n2"), 2).orElseThrow();
    s.onEvent(event(b, result(0.7)), 3);
    Trial t = s.trial(a.trial()).orElseThrow();
    assertThat(t.state()).isEqualTo(TrialState.COMPLETED);
    assertThat(t.attempts()).hasSize(2);
    Attempt first = t.attempts().get(0);
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.worker()).isEqualTo("w1");
    assertThat(first.device()).isEqualTo("gpu:1");
    assertThat(first.outcome()).isEqualTo(Attempt.Outcome.CRASHED);
    assertThat(first.error()).startsWith("java.lang.OutOfMemoryError");
    assertThat(first.logTail()).isEqualTo("line 1\nOOM");
    assertThat(first.started()).isNotNull();
    assertThat(first.ended()).isNotNull();
    assertThat(first.log()).isEqualTo("/ckpt/s1/" + a.trial() + "/attempt-1.log");
    Attempt second = t.attempts().get(1);
    assertThat(second.worker()).isEqualTo("w2");
    assertThat(second.outcome()).isEqualTo(Attempt.Outcome.COMPLETED);
    assertThat(second.error()).isNull();
    // the process exits after its result: the completed attempt gets its log tail then
    s.onEvent(event(b, new TrialMessage.Exited(0, null, "test accuracy 0.7")), 4);
    assertThat(s.trial(a.trial()).orElseThrow().attempts().get(1).logTail())
        .isEqualTo("test accuracy 0.7");
    assertThat(s.trial(a.trial()).orElseThrow().state()).isEqualTo(TrialState.COMPLETED);
    t = s.trial(a.trial()).orElseThrow();
    // the stored document carries them and reads back equal
    assertThat(Trial.fromJson(t.toJson()).attempts()).isEqualTo(t.attempts());
    assertThat(t.toJson().getJsonArray("attempts").getJsonObject(0).getString("outcome"))
        .isEqualTo("crashed");
  }

  @Test
  @DisplayName("a diverged trial fails at once, without retries, and says so in its attempt")
  void diverged() {
    sweep("parameters: {model: googlenet, lr: [10.0]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    s.onEvent(event(a, new TrialMessage.Failure(FailureKind.DIVERGED, "loss is NaN at step 3")), 1);
    s.onEvent(event(a, exited(FailureKind.DIVERGED.exitStatus(), "exit status 3")), 1);
    Trial t = s.trial(a.trial()).orElseThrow();
    assertThat(t.state()).isEqualTo(TrialState.FAILED);
    assertThat(t.attempts()).extracting(Attempt::outcome).containsExactly(Attempt.Outcome.DIVERGED);
    assertThat(s.lease(req("w1", "n1"), 2)).isEmpty();
  }

  @Test
  @DisplayName(
      "a lost worker ends its attempt as lost; cancelling ends a running attempt as cancelled")
  void lostAndCancelled() {
    sweep("parameters: {model: googlenet, lr: [0.1, 0.2]}");
    Lease a = s.lease(req("w1", "n1"), 0).orElseThrow();
    s.nodeLeft("n1");
    Lease a2 = s.lease(req("w2", "n2"), 1).orElseThrow();
    assertThat(a2.trial()).isEqualTo(a.trial());
    s.cancel("s1");
    assertThat(s.trial(a.trial()).orElseThrow().attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Attempt.Outcome.LOST, Attempt.Outcome.CANCELLED);
  }

  @Test
  @DisplayName("trial and sweep states allow exactly the moves of their diagrams")
  void transitions() {
    assertThat(TrialState.QUEUED.next())
        .containsExactlyInAnyOrder(TrialState.RUNNING, TrialState.CANCELLED);
    assertThat(TrialState.RUNNING.next())
        .containsExactlyInAnyOrder(
            TrialState.QUEUED,
            TrialState.COMPLETED,
            TrialState.PRUNED,
            TrialState.FAILED,
            TrialState.CANCELLED);
    assertThat(TrialState.COMPLETED.next()).isEmpty();
    for (TrialState t : List.of(TrialState.FAILED, TrialState.PRUNED, TrialState.CANCELLED))
      assertThat(t.next()).containsExactly(TrialState.QUEUED);
    assertThat(SweepState.RUNNING.canMoveTo(SweepState.PAUSED)).isTrue();
    assertThat(SweepState.COMPLETED.canMoveTo(SweepState.PAUSED)).isFalse();
    assertThat(SweepState.CANCELLED.next()).containsExactly(SweepState.RUNNING);
    // the wire names are INTERFACE.md's
    assertThat(List.of(TrialState.values()))
        .extracting(TrialState::key)
        .containsExactly("queued", "running", "completed", "pruned", "failed", "cancelled");
    assertThat(List.of(SweepState.values()))
        .extracting(SweepState::key)
        .containsExactly("running", "paused", "completed", "cancelled", "failed");
    // the scheduler refuses an illegal move instead of making it
    sweep("parameters: {model: googlenet, lr: [0.1]}");
    Trial t = s.sweep("s1").orElseThrow().trials().get(0);
    assertThatThrownBy(() -> t.moveTo(TrialState.COMPLETED))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot go from queued to completed");
  }
}
