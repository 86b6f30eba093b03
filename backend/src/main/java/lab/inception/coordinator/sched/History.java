package lab.inception.coordinator.sched;

import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.search.Observation;
import lab.inception.coordinator.sweep.Objective;
import lab.inception.coordinator.sweep.SweepSpec;

/**
 * A sweep's trials as its sampler sees them: completed trials with their objectives' values (an
 * epoch metric's value at the trial's last epoch; a cost as the trial reported or was proposed
 * with), pruned trials with the first objective's value at the epoch they stopped, queued and
 * running trials as pending. Failed and cancelled trials teach nothing and are left out.
 */
public final class History {

  private History() {}

  /** The sweep's trials as they are now, for {@link #of(SweepSpec, List)} on another thread. */
  static List<Trial> snapshot(Sweep s) {
    List<Trial> out = new ArrayList<>(s.trials.size());
    for (Trial t : s.trials) out.add(t.snapshot());
    return out;
  }

  static List<Observation> of(Sweep s) {
    return of(s.spec, s.trials);
  }

  /** The observations of a sweep's trials (for instance read back from the store). */
  public static List<Observation> of(SweepSpec spec, List<Trial> trials) {
    List<Objective> objectives = spec.objectives();
    List<Observation> out = new ArrayList<>(trials.size());
    for (Trial t : trials) {
      var config = t.config();
      switch (t.state) {
        case QUEUED, RUNNING -> out.add(Observation.pending(t.index, config));
        case COMPLETED -> {
          double[] loss = new double[objectives.size()];
          boolean known = true;
          for (int i = 0; i < loss.length; i++) {
            Double v = value(t, objectives.get(i));
            known &= v != null && Double.isFinite(v);
            loss[i] = v == null ? Double.NaN : objectives.get(i).loss(v);
          }
          if (known) out.add(Observation.complete(t.index, config, loss));
        }
        case PRUNED -> {
          Double v = value(t, objectives.get(0));
          int step = t.prunedAtRung != null ? t.prunedAtRung : t.epoch;
          out.add(
              Observation.pruned(
                  t.index,
                  config,
                  step,
                  v == null || !Double.isFinite(v) ? Double.NaN : objectives.get(0).loss(v)));
        }
        default -> {}
      }
    }
    return out;
  }

  /** An objective's value for a trial, or null when unknown. */
  public static Double value(Trial t, Objective o) {
    return switch (o.metric()) {
      case Objective.MACS -> t.macs == null ? null : t.macs.doubleValue();
      case Objective.PARAMS -> t.params == null ? null : t.params.doubleValue();
      default -> t.epochValues == null ? null : t.epochValues.getDouble(o.metric());
    };
  }
}
