package lab.inception.coordinator.sweep;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.cost.CostReport;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelZoo;

/**
 * The cost of a trial's configuration before it trains: the parameters and MACs its trial will
 * report (the network as {@code TrainingRunner} builds it for the dataset's images, aux heads
 * counted in the parameters when {@code auxWeight > 0}), from the model's shapes only (no array is
 * allocated). Memoised: a search asks for the same few networks again and again.
 */
public final class TrialCost {

  /** A configuration's parameters and MACs. */
  public record Cost(long params, long macs) {}

  private static final int MAX_CACHED = 20_000;
  private static final Map<String, Optional<Cost>> CACHE = new ConcurrentHashMap<>();

  private TrialCost() {}

  /** The cost of a full trial configuration, or empty when its network cannot be built. */
  public static Optional<Cost> of(Map<String, Object> trial) {
    String model = (String) trial.get("model");
    String block = (String) trial.get("block");
    String stem = (String) trial.get("stem");
    double width = ((Number) trial.get("width")).doubleValue();
    String dataset = (String) trial.get("dataset");
    int imageSize = ((Number) trial.get("imageSize")).intValue();
    boolean aux =
        ((Number) trial.get("auxWeight")).doubleValue() > 0
            && ModelZoo.names().contains(model)
            && ModelZoo.spec(model).hasAux();
    String key =
        String.join("|", model, block, stem, "" + width, dataset, "" + imageSize, "" + aux);
    Optional<Cost> hit = CACHE.get(key);
    if (hit != null) return hit;
    Optional<Cost> c = compute(model, block, stem, width, dataset, imageSize, aux);
    if (CACHE.size() >= MAX_CACHED) CACHE.clear();
    CACHE.put(key, c);
    return c;
  }

  private static Optional<Cost> compute(
      String model,
      String block,
      String stem,
      double width,
      String dataset,
      int imageSize,
      boolean aux) {
    if (ModelCatalog.whyNot(model, block, stem, width, dataset, imageSize) != null) {
      return Optional.empty();
    }
    try {
      ModelConfig cfg = ModelCatalog.config(model, block, stem, width, dataset, imageSize, aux);
      CostReport r = CostAnalyzer.analyze(cfg);
      return Optional.of(new Cost(r.params(), r.macs()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
