package lab.inception.coordinator.sweep;

import io.vertx.core.json.JsonObject;
import java.util.List;
import lab.inception.worker.protocol.Metric;

/**
 * What a sweep optimises: an epoch metric (its value at the trial's last epoch) or a cost known
 * before training ({@value #MACS}, {@value #PARAMS}), and whether higher or lower is better.
 */
public record Objective(String metric, String mode) {

  public static final String MACS = "macs";
  public static final String PARAMS = "params";

  /** The costs an objective can name besides the epoch metrics. */
  public static final List<String> COSTS = List.of(MACS, PARAMS);

  /** The default: the validation accuracy, maximised. */
  public static Objective defaults() {
    return new Objective(Metric.VAL_ACCURACY.key(), "max");
  }

  /** Every name an objective may take: the epoch metrics, then the costs. */
  public static List<String> names() {
    return java.util.stream.Stream.concat(Metric.epochKeys().stream(), COSTS.stream()).toList();
  }

  /** The better direction of a name: a cost's is min, a metric's its own (max when it has none). */
  public static String defaultMode(String metric) {
    if (COSTS.contains(metric)) return "min";
    return Metric.of(metric).map(m -> m.direction() == Metric.Direction.MIN).orElse(false)
        ? "min"
        : "max";
  }

  public boolean maximize() {
    return "max".equals(mode);
  }

  /** Whether the value is known before the trial trains (a cost of its configuration). */
  public boolean beforeTraining() {
    return COSTS.contains(metric);
  }

  /** A value turned into a loss: lower is better. */
  public double loss(double value) {
    return maximize() ? -value : value;
  }

  public JsonObject toJson() {
    return new JsonObject().put("metric", metric).put("mode", mode);
  }

  public static Objective fromJson(JsonObject j) {
    String metric = j.getString("metric", Metric.VAL_ACCURACY.key());
    return new Objective(metric, j.getString("mode", defaultMode(metric)));
  }
}
