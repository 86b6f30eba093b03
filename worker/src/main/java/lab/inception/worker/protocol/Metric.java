package lab.inception.worker.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one catalog of metric names a trial reports: meaning, unit, which direction is better and
 * whether it is reported per step or per epoch. The trial process writes these names, the
 * scheduler's early stopping and the sweep validation accept only epoch metrics from it, and the
 * dashboard labels, formats and picks its default charts from {@code GET /api/metrics}.
 *
 * <p>Stores written before the catalog held the total loss under {@code train_loss}; the store's
 * migration V2 rewrites those rows (see {@code Migrations}).
 */
public enum Metric {
  TRAIN_LOSS(
      Per.STEP,
      Unit.LOSS,
      Direction.MIN,
      "train loss (main head)",
      "the main head's cross-entropy (with label smoothing), batch mean"),
  AUX_LOSS(
      Per.STEP,
      Unit.LOSS,
      Direction.MIN,
      "aux loss",
      "the auxiliary heads' cross-entropies summed, unweighted (models with aux heads, auxWeight"
          + " > 0)"),
  TRAIN_TOTAL_LOSS(
      Per.STEP,
      Unit.LOSS,
      Direction.MIN,
      "total loss (optimised)",
      "what is optimised: train_loss + auxWeight · aux_loss"),
  LR(Per.STEP, Unit.LEARNING_RATE, Direction.NONE, "learning rate", "the learning rate used"),
  IMAGES_PER_SEC(
      Per.STEP,
      Unit.IMAGES_PER_SECOND,
      Direction.MAX,
      "images/s",
      "training throughput since the previous report"),
  VAL_LOSS(
      Per.EPOCH,
      Unit.LOSS,
      Direction.MIN,
      "validation loss",
      "the main head's cross-entropy on the validation split"),
  VAL_ACCURACY(
      Per.EPOCH,
      Unit.FRACTION,
      Direction.MAX,
      "validation accuracy",
      "the main head's top-1 accuracy on the validation split (a fraction 0–1)"),
  VAL_TOP5(
      Per.EPOCH,
      Unit.FRACTION,
      Direction.MAX,
      "validation top-5",
      "the main head's top-5 accuracy on the validation split (a fraction 0–1)");

  /** How often a metric is reported. */
  public enum Per {
    STEP,
    EPOCH
  }

  /** What a value is measured in; fractions are shown as percentages. */
  public enum Unit {
    LOSS("nats"),
    FRACTION("fraction"),
    LEARNING_RATE("lr"),
    IMAGES_PER_SECOND("images/s");

    private final String label;

    Unit(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Which way is better, NONE for a setting such as the learning rate. */
  public enum Direction {
    MIN,
    MAX,
    NONE
  }

  private final Per per;
  private final Unit unit;
  private final Direction direction;
  private final String label;
  private final String doc;

  Metric(Per per, Unit unit, Direction direction, String label, String doc) {
    this.per = per;
    this.unit = unit;
    this.direction = direction;
    this.label = label;
    this.doc = doc;
  }

  /** The wire name: {@code train_loss}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Per per() {
    return per;
  }

  public Unit unit() {
    return unit;
  }

  public Direction direction() {
    return direction;
  }

  /** A short label for charts and tables. */
  public String label() {
    return label;
  }

  public String doc() {
    return doc;
  }

  /** The metric of a wire name. */
  public static Optional<Metric> of(String key) {
    return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
  }

  /** The names of the metrics reported once per epoch (what early stopping can compare). */
  public static List<String> epochKeys() {
    return Arrays.stream(values()).filter(m -> m.per == Per.EPOCH).map(Metric::key).toList();
  }
}
