package lab.inception.coordinator.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.inception.coordinator.sweep.SweepExpander;
import lab.inception.coordinator.sweep.SweepSpec;
import lab.inception.coordinator.sweep.TrialCost;

/**
 * Where a sweep's trials come from. Grid and random search fix every configuration when the sweep
 * is submitted ({@link #initial()}); TPE proposes one at a time as results come in: the scheduler
 * asks {@link #next} for trial {@code index} with the sweep's history so far.
 */
public sealed interface Sampler permits Sampler.Grid, Sampler.Random, Sampler.Tpe {

  /** A proposed trial: its full configuration and the cost of its network, when buildable. */
  record Proposed(Map<String, Object> config, Long params, Long macs) {}

  /** The sampler of a sweep's method. */
  static Sampler of(SweepSpec spec) {
    return switch (spec.method()) {
      case "tpe" -> Tpe.of(spec);
      case "random" -> new Random(spec);
      default -> new Grid(spec);
    };
  }

  /** The trials created with the sweep, in order. */
  default List<Map<String, Object>> initial() {
    return List.of();
  }

  /** The configuration of trial {@code index}, or empty when the sampler has none to give. */
  default Optional<Proposed> next(int index, List<Observation> history) {
    return Optional.empty();
  }

  /** Every combination of the lists (first parameter slowest), within the budget. */
  record Grid(SweepSpec spec) implements Sampler {
    @Override
    public List<Map<String, Object>> initial() {
      return SweepExpander.expand(spec);
    }
  }

  /** {@code maxTrials} seeded uniform draws (log-uniform on a log scale), within the budget. */
  record Random(SweepSpec spec) implements Sampler {
    @Override
    public List<Map<String, Object>> initial() {
      return SweepExpander.expand(spec);
    }
  }

  /** {@link TpeSampler} over the sweep's space, proposing only buildable, in-budget networks. */
  record Tpe(SweepSpec spec, TpeSampler tpe, SearchSpace space) implements Sampler {
    static Tpe of(SweepSpec spec) {
      SearchSpace space = SweepSpaces.of(spec);
      TpeSampler tpe =
          new TpeSampler(
              space,
              spec.seed(),
              spec.tpe(),
              c -> {
                Map<String, Object> t = SweepExpander.trial(spec, c);
                return TrialCost.of(t).map(k -> spec.constraints().allows(k)).orElse(false);
              });
      return new Tpe(spec, tpe, space);
    }

    @Override
    public Optional<Proposed> next(int index, List<Observation> history) {
      return tpe.next(index, history)
          .map(
              sampled -> {
                Map<String, Object> t = SweepExpander.trial(spec, space.complete(sampled));
                Optional<TrialCost.Cost> c = TrialCost.of(t);
                return new Proposed(
                    t,
                    c.map(TrialCost.Cost::params).orElse(null),
                    c.map(TrialCost.Cost::macs).orElse(null));
              });
    }
  }
}
