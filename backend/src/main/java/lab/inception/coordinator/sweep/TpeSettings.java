package lab.inception.coordinator.sweep;

import io.vertx.core.json.JsonObject;

/**
 * The settings of a TPE sweep (the sweep file's {@code tpe}); the defaults are Optuna 3.1's, except
 * that the multivariate form and the constant liar are on.
 *
 * @param startupTrials trials sampled uniformly before the model takes over
 * @param candidates points drawn from l(x) per proposal; the one with the best l(x)/g(x) wins
 * @param multivariate kernels over all of a group's dimensions at once (else one per dimension)
 * @param constantLiar pending trials count as the worst observations, so that trials in flight push
 *     new proposals away from themselves
 * @param priorWeight the prior kernel's weight
 * @param magicClip bound bandwidths below by range / min(100, 1 + kernels)
 */
public record TpeSettings(
    int startupTrials,
    int candidates,
    boolean multivariate,
    boolean constantLiar,
    double priorWeight,
    boolean magicClip) {

  public static TpeSettings defaults() {
    return new TpeSettings(10, 24, true, true, 1.0, true);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("startupTrials", startupTrials)
        .put("candidates", candidates)
        .put("multivariate", multivariate)
        .put("constantLiar", constantLiar);
  }

  public static TpeSettings fromJson(JsonObject j) {
    TpeSettings d = defaults();
    if (j == null) return d;
    return new TpeSettings(
        j.getInteger("startupTrials", d.startupTrials),
        j.getInteger("candidates", d.candidates),
        j.getBoolean("multivariate", d.multivariate),
        j.getBoolean("constantLiar", d.constantLiar),
        d.priorWeight,
        d.magicClip);
  }

  public TpeSettings withMultivariate(boolean m) {
    return new TpeSettings(startupTrials, candidates, m, constantLiar, priorWeight, magicClip);
  }
}
