package lab.inception.coordinator.search;

/**
 * The TPE sampler's settings; the defaults are Optuna 3.1's, except that the multivariate form
 * and the constant liar are on.
 *
 * @param startupTrials trials sampled uniformly before the model takes over
 * @param candidates points drawn from l(x) per proposal; the one with the best l(x)/g(x) wins
 * @param multivariate kernels over all of a group's dimensions at once (else one per dimension)
 * @param constantLiar pending trials count as the worst observations, so that trials in flight
 *     push new proposals away from themselves
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

  public TpeSettings withMultivariate(boolean m) {
    return new TpeSettings(startupTrials, candidates, m, constantLiar, priorWeight, magicClip);
  }

  /** How many observations go below: Optuna's {@code min(ceil(0.1·n), 25)}. */
  static int gamma(int n) {
    return Math.min((int) Math.ceil(0.1 * n), 25);
  }

  /** Optuna's default weights: the newest 25 weigh 1, older ones ramp up from 1/n. */
  static double[] weights(int n) {
    double[] w = new double[n];
    if (n < 25) {
      java.util.Arrays.fill(w, 1.0);
      return w;
    }
    int ramp = n - 25;
    for (int i = 0; i < ramp; i++) {
      w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
    }
    for (int i = ramp; i < n; i++) w[i] = 1.0;
    return w;
  }
}
