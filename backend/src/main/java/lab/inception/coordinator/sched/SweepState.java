package lab.inception.coordinator.sched;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.sweep.SweepSpec;

/** One sweep as the scheduler tracks it: its spec, its state and its trials in order. */
public final class SweepState {

  public static final String RUNNING = "running";
  public static final String PAUSED = "paused";
  public static final String COMPLETED = "completed";
  public static final String CANCELLED = "cancelled";
  public static final String FAILED = "failed";

  final String id;
  final SweepSpec spec;
  final String created;
  String state = RUNNING;
  final List<TrialState> trials = new ArrayList<>();
  EarlyStopper stopper;

  SweepState(String id, SweepSpec spec, String created) {
    this.id = id;
    this.spec = spec;
    this.created = created;
  }

  public String id() {
    return id;
  }

  public String state() {
    return state;
  }

  public SweepSpec spec() {
    return spec;
  }

  public List<TrialState> trials() {
    return trials;
  }

  public boolean finished() {
    return state.equals(COMPLETED) || state.equals(CANCELLED) || state.equals(FAILED);
  }

  long running() {
    return trials.stream().filter(t -> t.state.equals(TrialState.RUNNING)).count();
  }

  /** The row stored in the sweeps table (counts are computed by the store). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", spec.name())
        .put("state", state)
        .put("spec", spec.toJson())
        .put("created", created);
  }
}
