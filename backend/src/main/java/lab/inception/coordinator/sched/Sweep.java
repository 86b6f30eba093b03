package lab.inception.coordinator.sched;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.search.Sampler;
import lab.inception.coordinator.sweep.SweepSpec;

/** One sweep as the scheduler tracks it: its spec, its state and its trials in order. */
public final class Sweep {

  final String id;
  final SweepSpec spec;
  final String created;
  SweepState state = SweepState.RUNNING;
  final List<Trial> trials = new ArrayList<>();
  EarlyStopper stopper;
  Sampler sampler;

  /** A proposal of the sampler is being computed. */
  boolean proposing;

  /** The sampler found no further configuration (every one left is over budget). */
  boolean exhausted;

  Sweep(String id, SweepSpec spec, String created) {
    this.id = id;
    this.spec = spec;
    this.created = created;
  }

  public String id() {
    return id;
  }

  public SweepState state() {
    return state;
  }

  public SweepSpec spec() {
    return spec;
  }

  public List<Trial> trials() {
    return trials;
  }

  public boolean finished() {
    return state.finished();
  }

  /**
   * Moves the sweep to another state.
   *
   * @throws IllegalStateException for a move {@link SweepState} does not allow
   */
  void moveTo(SweepState to) {
    if (!state.canMoveTo(to)) {
      throw new IllegalStateException(
          "sweep " + id + " cannot go from " + state.key() + " to " + to.key());
    }
    state = to;
  }

  /** Whether its sampler has trials still to propose: adaptive, under maxTrials, not exhausted. */
  boolean wantsMore() {
    return spec.adaptive() && !exhausted && trials.size() < spec.maxTrials();
  }

  long running() {
    return trials.stream().filter(t -> t.state == TrialState.RUNNING).count();
  }

  /** The row stored in the sweeps table (counts are computed by the store). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", spec.name())
        .put("state", state.key())
        .put("spec", spec.toJson())
        .put("created", created);
  }
}
