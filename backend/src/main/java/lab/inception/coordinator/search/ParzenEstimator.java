package lab.inception.coordinator.search;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import lab.inception.coordinator.sweep.TpeSettings;

/**
 * A Parzen estimator over a group of dimensions, as in Optuna 3.1's {@code _ParzenEstimator}: one
 * kernel per observation plus a prior kernel (a wide one at the centre of the space), mixed with
 * the observations' weights. A numeric dimension's kernel is a normal truncated to the range; a
 * categorical's is the observed category with {@code priorWeight / (n + 1)} added to every category
 * (the prior kernel: uniform). Multivariate: a kernel is the product over the group's dimensions of
 * one observation's kernels, so sampling keeps the observed combinations (bandwidths by Scott's
 * rule, {@code 0.2·n^(-1/(d+4))·range}); univariate: each dimension's bandwidth is the distance to
 * its farther neighbour. Either way the "magic clip" bounds a bandwidth below by {@code range /
 * min(100, 1 + kernels)}.
 *
 * <p>Kernels are stored dimension-major, so that a density is a few passes over flat arrays the JIT
 * vectorises; kernels more than {@value #NEGLIGIBLE} nats below the largest term are left out of
 * the sum (their share is below e^-40).
 */
final class ParzenEstimator {

  private static final double SIGMA0 = 0.2;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double NEGLIGIBLE = 40;

  private final List<Dimension> dims;
  private final int kernels;
  private final int[] numeric;
  private final int[] categorical;
  private final double[] cumWeights;

  /** [j][kernel]: mean, 1/σ and σ of numeric dimension numeric[j]. */
  private final double[][] mu;

  private final double[][] inv;
  private final double[][] sigma;

  /** [kernel]: log weight minus the numeric kernels' log normalisers. */
  private final double[] constant;

  /** [j][kernel]: the observed choice of categorical dimension categorical[j], −1 for the prior. */
  private final int[][] observed;

  /** [j]: log probability of the observed choice, of another one, and of any under the prior. */
  private final double[] logHit;

  private final double[] logMiss;
  private final double[] logUniform;

  /**
   * @param x the observations' internal coordinates by column: [dimension of the
   *     group][observation]
   * @param weights the observations' weights (same order)
   */
  ParzenEstimator(List<Dimension> dims, double[][] x, double[] weights, TpeSettings s) {
    this.dims = dims;
    int n = weights.length;
    kernels = n + 1;
    numeric = indices(dims, false);
    categorical = indices(dims, true);
    double[] w = Arrays.copyOf(weights, kernels);
    w[n] = n == 0 ? 1.0 : s.priorWeight();
    double sum = 0;
    for (double v : w) sum += v;
    constant = new double[kernels];
    cumWeights = new double[kernels];
    double acc = 0;
    for (int k = 0; k < kernels; k++) {
      constant[k] = Math.log(w[k] / sum);
      acc += w[k] / sum;
      cumWeights[k] = acc;
    }
    int dn = numeric.length;
    mu = new double[dn][kernels];
    inv = new double[dn][kernels];
    sigma = new double[dn][kernels];
    for (int j = 0; j < dn; j++) numeric(j, dims.get(numeric[j]), x, s, dims.size());
    int dc = categorical.length;
    observed = new int[dc][kernels];
    logHit = new double[dc];
    logMiss = new double[dc];
    logUniform = new double[dc];
    for (int j = 0; j < dc; j++) {
      int c = ((Dimension.Categorical) dims.get(categorical[j])).choices().size();
      // Optuna's smoothing: prior_weight / (n + 1) added to every choice, then normalised
      double add = s.priorWeight() / (n + 1);
      logHit[j] = Math.log((1 + add) / (1 + c * add));
      logMiss[j] = Math.log(add / (1 + c * add));
      logUniform[j] = Math.log(1.0 / c);
      double[] col = x[categorical[j]];
      for (int k = 0; k < n; k++) observed[j][k] = (int) col[k];
      observed[j][n] = -1;
    }
  }

  private static int[] indices(List<Dimension> dims, boolean categorical) {
    return java.util.stream.IntStream.range(0, dims.size())
        .filter(i -> (dims.get(i) instanceof Dimension.Categorical) == categorical)
        .toArray();
  }

  private void numeric(int j, Dimension dim, double[][] x, TpeSettings s, int groupDims) {
    int n = kernels - 1;
    double lo = dim.low(), hi = dim.high(), range = hi - lo;
    double[] m = Arrays.copyOf(x[numeric[j]], kernels);
    double[] sg = new double[kernels];
    m[n] = 0.5 * (lo + hi);
    if (s.multivariate()) {
      Arrays.fill(sg, 0, n, SIGMA0 * Math.pow(Math.max(n, 1), -1.0 / (groupDims + 4)) * range);
    } else {
      neighbourBandwidths(m, n, lo, hi, sg);
    }
    sg[n] = range;
    double minSigma = s.magicClip() ? range / Math.min(100.0, 1.0 + kernels) : 1e-12;
    double lastSd = Double.NaN, logSd = 0;
    for (int k = 0; k < kernels; k++) {
      double sd = Math.max(minSigma, Math.min(range, sg[k]));
      if (sd != lastSd) {
        lastSd = sd;
        logSd = Math.log(sd);
      }
      double a = (lo - m[k]) / sd, b = (hi - m[k]) / sd;
      // the truncation's mass; an end more than six sigmas away counts as infinitely far (1e-9)
      double z =
          a < -6
              ? (b > 6 ? 1.0 : Normal.cdfFast(b))
              : b > 6 ? Normal.cdfFast(-a) : Normal.cdfFast(b) - Normal.cdfFast(a);
      mu[j][k] = m[k];
      sigma[j][k] = sd;
      inv[j][k] = 1 / sd;
      constant[k] -= logSd + (z == 1.0 ? 0 : Math.log(Math.max(z, 1e-300))) + LOG_SQRT_2PI;
    }
  }

  /**
   * Optuna's univariate bandwidth: the larger gap to a neighbour among the sorted means (prior's
   * included); the lowest and highest mean take the gap to their one neighbour, not to the range's
   * end (Optuna's {@code consider_endpoints=False}).
   */
  private static void neighbourBandwidths(double[] m, int n, double lo, double hi, double[] out) {
    if (n == 0) return;
    Integer[] order = new Integer[n + 1];
    for (int i = 0; i <= n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(m[a], m[b]));
    for (int r = 0; r <= n; r++) {
      int i = order[r];
      if (i == n) continue;
      double left = r > 0 ? m[i] - m[order[r - 1]] : m[i] - lo;
      double right = r < n ? m[order[r + 1]] - m[i] : hi - m[i];
      if (r == 0) left = right;
      if (r == n) right = left;
      out[i] = Math.max(left, right);
    }
  }

  /** Draws a point: a kernel by weight, then each dimension from it. */
  double[] sample(SplittableRandom rnd) {
    int k = Arrays.binarySearch(cumWeights, rnd.nextDouble());
    k = k >= 0 ? k : Math.min(kernels - 1, -k - 1);
    double[] out = new double[dims.size()];
    int dn = numeric.length, dc = categorical.length;
    for (int j = 0; j < dn; j++) {
      Dimension d = dims.get(numeric[j]);
      out[numeric[j]] = truncatedNormal(rnd, mu[j][k], sigma[j][k], d.low(), d.high());
    }
    for (int j = 0; j < dc; j++) {
      int c = ((Dimension.Categorical) dims.get(categorical[j])).choices().size();
      int obs = observed[j][k];
      double pHit = Math.exp(logHit[j]);
      if (obs >= 0 && rnd.nextDouble() < pHit) {
        out[categorical[j]] = obs;
      } else if (obs >= 0) {
        int other = rnd.nextInt(c - 1); // one of the others, uniformly
        out[categorical[j]] = other >= obs ? other + 1 : other;
      } else {
        out[categorical[j]] = rnd.nextInt(c);
      }
    }
    return out;
  }

  private static double truncatedNormal(
      SplittableRandom rnd, double m, double s, double lo, double hi) {
    for (int i = 0; i < 1000; i++) {
      double v = m + s * gaussian(rnd);
      if (v >= lo && v <= hi) return v;
    }
    return Math.max(lo, Math.min(hi, m));
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box–Muller on a SplittableRandom (which has no nextGaussian on Java 17)
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The log density of a point under the mixture. */
  double logPdf(double[] x) {
    double[] t = constant.clone();
    for (int j = 0; j < numeric.length; j++) {
      double xj = x[numeric[j]];
      double[] m = mu[j], iv = inv[j];
      for (int k = 0; k < kernels; k++) {
        double z = (xj - m[k]) * iv[k];
        t[k] -= 0.5 * z * z;
      }
    }
    for (int j = 0; j < categorical.length; j++) {
      int xj = (int) x[categorical[j]];
      int[] obs = observed[j];
      double hit = logHit[j], miss = logMiss[j];
      for (int k = 0; k < kernels; k++) t[k] += obs[k] == xj ? hit : miss;
      t[kernels - 1] += logUniform[j] - miss; // the prior kernel (observed −1 never matches)
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : t) max = Math.max(max, v);
    if (max == Double.NEGATIVE_INFINITY) return max;
    double sum = 0, cut = max - NEGLIGIBLE;
    for (double v : t) if (v > cut) sum += Math.exp(v - max);
    return max + Math.log(sum);
  }
}
