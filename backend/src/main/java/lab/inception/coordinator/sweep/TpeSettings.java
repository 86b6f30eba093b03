package lab.inception.coordinator.sweep;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The settings of a TPE sweep (the sweep file's {@code tpe}). The defaults are Optuna 3.1's except
 * four, chosen by {@code bench/search} (50 seeds of Branin and Hartmann-6, then the zoo table):
 * joint (multivariate) kernels, whose bandwidths are the neighbour gaps, 48 candidates instead of
 * 24, and the constant liar on.
 *
 * @param startupTrials trials sampled uniformly before the model takes over
 * @param candidates points drawn from l(x) per proposal; the one with the best l(x)/g(x) wins
 * @param multivariate kernels over all of a group's dimensions at once (else each dimension is
 *     sampled and scored on its own, Optuna's default)
 * @param bandwidth how a multivariate kernel's bandwidths are chosen
 * @param constantLiar pending trials count as the worst observations, so that trials in flight push
 *     new proposals away from themselves
 * @param priorWeight the prior kernel's weight
 * @param magicClip bound bandwidths below by range / min(100, 1 + kernels)
 */
public record TpeSettings(
    int startupTrials,
    int candidates,
    boolean multivariate,
    Bandwidth bandwidth,
    boolean constantLiar,
    double priorWeight,
    boolean magicClip) {

  /** How the kernels' bandwidths are chosen when they span several dimensions. */
  public enum Bandwidth {
    /**
     * Per kernel and dimension, the larger gap to a neighbouring observation in that dimension
     * (Optuna's univariate rule, here for joint kernels).
     */
    NEIGHBOUR,
    /** One per dimension, Scott's rule {@code 0.2·n^(-1/(d+4))·range} (Optuna's multivariate). */
    SCOTT;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The bandwidth of a wire name, or null. */
    public static Bandwidth of(String wire) {
      for (Bandwidth b : values()) if (b.wire().equals(wire)) return b;
      return null;
    }
  }

  public static TpeSettings defaults() {
    return new TpeSettings(10, 48, true, Bandwidth.NEIGHBOUR, true, 1.0, true);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("startupTrials", startupTrials)
        .put("candidates", candidates)
        .put("multivariate", multivariate)
        .put("bandwidth", bandwidth.wire())
        .put("constantLiar", constantLiar);
  }

  public static TpeSettings fromJson(JsonObject j) {
    TpeSettings d = defaults();
    if (j == null) return d;
    return new TpeSettings(
        j.getInteger("startupTrials", d.startupTrials),
        j.getInteger("candidates", d.candidates),
        j.getBoolean("multivariate", d.multivariate),
        java.util.Objects.requireNonNullElse(
            Bandwidth.of(j.getString("bandwidth", d.bandwidth.wire())), d.bandwidth),
        j.getBoolean("constantLiar", d.constantLiar),
        d.priorWeight,
        d.magicClip);
  }

  public TpeSettings withMultivariate(boolean m) {
    return new TpeSettings(
        startupTrials, candidates, m, bandwidth, constantLiar, priorWeight, magicClip);
  }

  public TpeSettings with(Bandwidth b, int candidates) {
    return new TpeSettings(
        startupTrials, candidates, multivariate, b, constantLiar, priorWeight, magicClip);
  }
}
