package lab.inception.coordinator.sched;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.inception.coordinator.sweep.EarlyStopping;

/**
 * Decides at rung boundaries (epochs) whether a trial continues. Values are recorded per rung so
 * that later trials are compared with earlier ones (asynchronous: nobody waits for a full rung).
 */
public abstract class EarlyStopper {

  protected final EarlyStopping rule;

  /** rung epoch → trial → value, as reported (not sign-adjusted). */
  protected final Map<Integer, Map<String, Double>> recorded = new TreeMap<>();

  protected EarlyStopper(EarlyStopping rule) {
    this.rule = rule;
  }

  /** The stopper for a sweep's rule, or null for {@code none}. */
  public static EarlyStopper of(EarlyStopping rule, int maxEpochs) {
    return switch (rule.type()) {
      case "asha" -> new Asha(rule, maxEpochs);
      case "median" -> new MedianRule(rule);
      default -> null;
    };
  }

  /** Whether the end of this epoch is a rung where the rule decides. */
  public abstract boolean isRung(int epoch);

  /** Records a trial's value at a rung and says whether it should stop there. */
  public boolean report(String trial, int epoch, double value) {
    recorded.computeIfAbsent(epoch, e -> new HashMap<>()).put(trial, value);
    return shouldStop(trial, epoch, value);
  }

  /** Restores a value recorded before a restart, without deciding. */
  public void restore(String trial, int epoch, double value) {
    recorded.computeIfAbsent(epoch, e -> new HashMap<>()).put(trial, value);
  }

  protected abstract boolean shouldStop(String trial, int epoch, double value);

  /** Higher is better after this: values of a {@code min} metric are negated. */
  protected double score(double v) {
    return rule.maximize() ? v : -v;
  }

  /**
   * ASHA (Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020), in its
   * stopping form: rungs at grace·η^k epochs; a trial reaching a rung continues only if it is in
   * the top 1/η of all values recorded at that rung so far.
   */
  public static final class Asha extends EarlyStopper {
    private final List<Integer> rungs = new ArrayList<>();

    Asha(EarlyStopping rule, int maxEpochs) {
      super(rule);
      for (long r = rule.gracePeriod(); r < maxEpochs; r *= rule.reductionFactor()) {
        rungs.add((int) r);
      }
    }

    public List<Integer> rungs() {
      return rungs;
    }

    @Override
    public boolean isRung(int epoch) {
      return rungs.contains(epoch);
    }

    @Override
    protected boolean shouldStop(String trial, int epoch, double value) {
      List<Double> scores = new ArrayList<>();
      recorded.get(epoch).values().forEach(v -> scores.add(score(v)));
      double cutoff = percentile(scores, (1.0 - 1.0 / rule.reductionFactor()) * 100.0);
      return score(value) < cutoff;
    }
  }

  /**
   * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017): from the grace period on,
   * a trial whose value at an epoch is worse than the median of the other trials' values at that
   * epoch stops, once at least {@code minTrials} others reported it.
   */
  public static final class MedianRule extends EarlyStopper {
    MedianRule(EarlyStopping rule) {
      super(rule);
    }

    @Override
    public boolean isRung(int epoch) {
      return epoch >= rule.gracePeriod();
    }

    @Override
    protected boolean shouldStop(String trial, int epoch, double value) {
      List<Double> others = new ArrayList<>();
      recorded
          .get(epoch)
          .forEach(
              (t, v) -> {
                if (!t.equals(trial)) others.add(score(v));
              });
      if (others.size() < rule.minTrials()) return false;
      return score(value) < percentile(others, 50.0);
    }
  }

  /** The q-th percentile with linear interpolation (numpy's default). */
  static double percentile(List<Double> values, double q) {
    List<Double> s = new ArrayList<>(values);
    s.removeIf(d -> d.isNaN());
    if (s.isEmpty()) return Double.NEGATIVE_INFINITY;
    s.sort(null);
    double pos = q / 100.0 * (s.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.size() - 1);
    return s.get(lo) + (pos - lo) * (s.get(hi) - s.get(lo));
  }
}
