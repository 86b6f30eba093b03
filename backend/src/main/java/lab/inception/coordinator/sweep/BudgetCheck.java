package lab.inception.coordinator.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a cost budget that no configuration of the sweep meets. Only the parameters that shape
 * the network matter; their combinations are checked exhaustively when they are all fixed values or
 * lists (up to {@value #EXHAUSTIVE} combinations), else on {@value #SAMPLES} seeded draws.
 */
final class BudgetCheck {

  /** The parameters a trial's cost depends on. */
  static final List<String> SHAPING =
      List.of("model", "block", "stem", "width", "dataset", "imageSize", "auxWeight");

  static final int EXHAUSTIVE = 10_000;
  static final int SAMPLES = 500;

  private BudgetCheck() {}

  static List<Problem> problems(SweepSpec spec) {
    Constraints c = spec.constraints();
    if (!c.any()) return List.of();
    Map<String, Object> shaping = new LinkedHashMap<>();
    spec.parameters()
        .forEach(
            (k, v) -> {
              if (SHAPING.contains(k)) shaping.put(k, v);
            });
    boolean finite = shaping.values().stream().noneMatch(v -> v instanceof Map);
    SweepSpec only =
        new SweepSpec(
            spec.name(),
            spec.dataset(),
            finite ? "grid" : "random",
            SAMPLES,
            0,
            spec.seed(),
            shaping,
            spec.earlyStopping(),
            spec.objectives(),
            Constraints.none(),
            spec.tpe());
    List<Map<String, Object>> configs =
        finite && SweepExpander.size(only) <= EXHAUSTIVE
            ? SweepExpander.expand(only)
            : sampled(only);
    long minMacs = Long.MAX_VALUE, minParams = Long.MAX_VALUE;
    boolean macsOk = false, paramsOk = false;
    for (Map<String, Object> t : configs) {
      Optional<TrialCost.Cost> cost = TrialCost.of(t);
      if (cost.isEmpty()) continue;
      TrialCost.Cost k = cost.get();
      if (c.allows(k)) return List.of();
      minMacs = Math.min(minMacs, k.macs());
      minParams = Math.min(minParams, k.params());
      macsOk |= c.maxMacs() == null || k.macs() <= c.maxMacs();
      paramsOk |= c.maxParams() == null || k.params() <= c.maxParams();
    }
    String how =
        (finite ? "all " + configs.size() : configs.size() + " sampled")
            + " network configurations";
    List<Problem> out = new ArrayList<>();
    if (!macsOk)
      out.add(
          new Problem(
              "constraints.maxMacs",
              "no configuration meets it (checked "
                  + how
                  + "); the cheapest has "
                  + minMacs
                  + " MACs"));
    if (!paramsOk)
      out.add(
          new Problem(
              "constraints.maxParams",
              "no configuration meets it (checked "
                  + how
                  + "); the smallest has "
                  + minParams
                  + " parameters"));
    if (out.isEmpty())
      out.add(
          new Problem(
              "constraints",
              "no configuration meets maxMacs and maxParams together (checked " + how + ")"));
    return out;
  }

  private static List<Map<String, Object>> sampled(SweepSpec only) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> m : SweepExpander.draws(only, SAMPLES))
      out.add(SweepExpander.trial(only, m));
    return out;
  }
}
