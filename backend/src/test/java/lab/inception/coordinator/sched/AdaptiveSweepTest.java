package lab.inception.coordinator.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.inception.coordinator.sweep.SweepParser;
import lab.inception.coordinator.sweep.SweepSpec;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.LeaseRequest;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.protocol.StopTrial;
import lab.inception.worker.protocol.TrialEvent;
import lab.inception.worker.protocol.TrialMessage;
import lab.inception.worker.train.TrialResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TPE sweeps in the scheduler: trials proposed one by one, pruning, restarts. */
class AdaptiveSweepTest {

  static final String TPE =
      """
      method: tpe
      maxTrials: 24
      maxConcurrent: 2
      seed: 5
      parameters:
        model: googlenet
        lr: {min: 0.001, max: 1.0, scale: log}
        block: [reduced, naive]
        epochs: 3
      """;

  /** The validation accuracy the stand-in training reaches: best at lr 0.1 with naive blocks. */
  static double accuracy(JsonObject p, int epoch) {
    double d = Math.log10(p.getDouble("lr") / 0.1);
    return (1 - 0.2 * d * d - ("naive".equals(p.getString("block")) ? 0 : 0.1)) * epoch / 3.0;
  }

  /** A listener that keeps the documents the store would keep and the proposals asked for. */
  static final class Recorder implements Scheduler.Listener {
    final Map<String, JsonObject> docs = new java.util.LinkedHashMap<>();
    final List<Scheduler.Proposal> proposals = new ArrayList<>();
    final List<JsonObject> rungs = new ArrayList<>();
    Sweep sweep;

    @Override
    public void trialChanged(Trial t) {
      docs.put(t.id(), t.toJson());
    }

    @Override
    public void sweepChanged(Sweep s) {
      sweep = s;
    }

    @Override
    public void stop(String worker, StopTrial command) {}

    @Override
    public void rungRecorded(String sweep, int rung, String trial, double value) {
      rungs.add(
          new JsonObject()
              .put("sweep", sweep)
              .put("rung", rung)
              .put("trial", trial)
              .put("value", value));
    }

    @Override
    public void workAvailable() {}

    @Override
    public void propose(Scheduler.Proposal p) {
      proposals.add(p);
    }
  }

  /** Leases for a slot, answering the sampler's proposals as the coordinator would. */
  static Optional<Lease> lease(Scheduler s, Recorder r, String worker) {
    LeaseRequest req = new LeaseRequest(worker, "n1", 0, "cpu");
    Optional<Lease> l = s.lease(req, 1);
    while (l.isEmpty() && !r.proposals.isEmpty()) {
      Scheduler.Proposal p = r.proposals.remove(0);
      s.proposed(p.sweep(), p.index(), p.compute());
      l = s.lease(req, 1);
    }
    return l;
  }

  static void train(Scheduler s, Lease l, int upTo) {
    JsonObject p = l.config();
    for (int e = 1; e <= upTo; e++) {
      s.onEvent(
          new TrialEvent(
              l.trial(),
              l.attempt(),
              "w",
              new TrialMessage.Epoch(e, e * 10L, Map.of(Metric.VAL_ACCURACY, accuracy(p, e)))),
          1);
    }
    if (upTo == 3) {
      s.onEvent(
          new TrialEvent(
              l.trial(),
              l.attempt(),
              "w",
              new TrialMessage.Result(
                  new TrialResult(
                      0.5, accuracy(p, 3), accuracy(p, 3), 0.1, 1, 1, 100L, 1000L, 3, false))),
          1);
    }
  }

  static Sweep submit(Scheduler s, String yaml) {
    SweepSpec spec = SweepParser.parse(yaml);
    Sweep sw = Scheduler.newSweep("s1", spec, List.of());
    s.add(sw);
    return sw;
  }

  @Test
  @DisplayName(
      "a TPE sweep creates its trials one by one, at most maxConcurrent in flight, until maxTrials; it completes then, and learns (its late trials beat its startup ones)")
  void proposesUntilMaxTrials() {
    Recorder r = new Recorder();
    Scheduler s = new Scheduler(r, 10_000, 0, "/ckpt");
    Sweep sw = submit(s, TPE);
    assertThat(sw.trials()).isEmpty();
    for (int round = 0; round < 12; round++) {
      Lease a = lease(s, r, "w1").orElseThrow();
      Lease b = lease(s, r, "w2").orElseThrow();
      assertThat(lease(s, r, "w3")).as("maxConcurrent 2").isEmpty();
      assertThat(a.config().getDouble("lr")).isNotEqualTo(b.config().getDouble("lr"));
      train(s, a, 3);
      train(s, b, 3);
    }
    assertThat(lease(s, r, "w1")).isEmpty();
    assertThat(sw.trials()).hasSize(24);
    assertThat(sw.state()).isEqualTo(SweepState.COMPLETED);
    double early =
        sw.trials().subList(0, 10).stream()
            .mapToDouble(AdaptiveSweepTest::acc)
            .average()
            .orElseThrow();
    double late =
        sw.trials().subList(14, 24).stream()
            .mapToDouble(AdaptiveSweepTest::acc)
            .average()
            .orElseThrow();
    assertThat(late).isGreaterThan(early);
  }

  static double acc(Trial t) {
    return t.epochValues.getDouble("val_accuracy");
  }

  @Test
  @DisplayName(
      "a restarted scheduler rebuilt from the stored documents proposes exactly what the first one would have")
  void restartContinuesTheSearch() {
    Recorder r1 = new Recorder();
    Scheduler a = new Scheduler(r1, 10_000, 0, "/ckpt");
    Sweep sw = submit(a, TPE);
    for (int i = 0; i < 14; i++) train(a, lease(a, r1, "w1").orElseThrow(), 3);
    // restart: a second scheduler from what the store holds
    Recorder r2 = new Recorder();
    Scheduler b = new Scheduler(r2, 10_000, 0, "/ckpt");
    var sink = b.restorer(1);
    sink.sweep(sw.toJson());
    r1.docs.values().forEach(sink::trial);
    sink.trialsDone();
    for (int i = 14; i < 24; i++) {
      Lease la = lease(a, r1, "w1").orElseThrow();
      Lease lb = lease(b, r2, "w1").orElseThrow();
      assertThat(lb.trial()).isEqualTo(la.trial());
      assertThat(lb.config()).isEqualTo(la.config());
      train(a, la, 3);
      train(b, lb, 3);
    }
    assertThat(b.sweep("s1").orElseThrow().state()).isEqualTo(SweepState.COMPLETED);
  }

  @Test
  @DisplayName(
      "with ASHA, pruned trials keep their rung value and count for the sampler; the sweep still reaches maxTrials")
  void withAsha() {
    Recorder r = new Recorder();
    Scheduler s = new Scheduler(r, 10_000, 0, "/ckpt");
    Sweep sw =
        submit(
            s,
            TPE
                + "earlyStopping: {type: asha, metric: val_accuracy, gracePeriod: 1, reductionFactor: 3}\n");
    for (int i = 0; i < 24; i++) {
      Lease l = lease(s, r, "w1").orElseThrow();
      Trial t = s.trial(l.trial()).orElseThrow();
      train(s, l, 1);
      if (t.state() == TrialState.RUNNING) train2(s, l);
    }
    assertThat(sw.trials()).hasSize(24);
    assertThat(sw.state()).isEqualTo(SweepState.COMPLETED);
    List<Trial> pruned = sw.trials().stream().filter(t -> t.state() == TrialState.PRUNED).toList();
    assertThat(pruned).isNotEmpty();
    var obs = History.of(sw);
    assertThat(
            obs.stream()
                .filter(
                    o -> o.status() == lab.inception.coordinator.search.Observation.Status.PRUNED))
        .hasSize(pruned.size())
        .allSatisfy(o -> assertThat(o.step()).isEqualTo(1))
        .allSatisfy(o -> assertThat(o.loss()[0]).isFinite());
  }

  /** Epochs 2 and 3 and the result of a trial that passed its first rung. */
  static void train2(Scheduler s, Lease l) {
    JsonObject p = l.config();
    for (int e = 2; e <= 3; e++) {
      s.onEvent(
          new TrialEvent(
              l.trial(),
              l.attempt(),
              "w",
              new TrialMessage.Epoch(e, e * 10L, Map.of(Metric.VAL_ACCURACY, accuracy(p, e)))),
          1);
    }
    if (s.trial(l.trial()).orElseThrow().state() != TrialState.RUNNING) return;
    s.onEvent(
        new TrialEvent(
            l.trial(),
            l.attempt(),
            "w",
            new TrialMessage.Result(
                new TrialResult(
                    0.5, accuracy(p, 3), accuracy(p, 3), 0.1, 1, 1, 100L, 1000L, 3, false))),
        1);
  }

  @Test
  @DisplayName("a budget that leaves no configuration ends the proposals and the sweep")
  void exhausted() {
    Recorder r = new Recorder();
    Scheduler s = new Scheduler(r, 10_000, 0, "/ckpt");
    Sweep sw = submit(s, TPE);
    s.proposed("s1", 0, Optional.empty());
    assertThat(lease(s, r, "w1")).isEmpty();
    assertThat(sw.state()).isEqualTo(SweepState.FAILED);
  }
}
