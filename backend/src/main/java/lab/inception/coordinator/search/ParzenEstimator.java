package lab.inception.coordinator.search;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import lab.inception.coordinator.sweep.TpeSettings;

/**
 * A Parzen estimator over a group of dimensions, as in Optuna 3.1's {@code _ParzenEstimator}: one
 * kernel per observation plus a prior kernel (a wide one at the centre of the space), mixed with
 * the observations' weights. A numeric dimension's kernel is a normal truncated to the range; a
 * categorical's is the observed category with the prior's mass spread over all. Multivariate: a
 * kernel is the product over the group's dimensions of one observation's kernels, so sampling
 * keeps the observed combinations (bandwidths by Scott's rule, {@code 0.2·n^(-1/(d+4))·range});
 * univariate: each dimension's bandwidth is the distance to its farther neighbour. Either way
 * the "magic clip" bounds a bandwidth below by {@code range / min(100, 1 + kernels)}.
 */
final class ParzenEstimator {

  private static final double SIGMA0 = 0.2;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private final List<Dimension> dims;
  private final int kernels;
  private final double[] logWeights;
  private final double[] cumWeights;
  /** Numeric dims: [dim][kernel] mean, sigma, log normaliser (log σ + log Z + log √2π). */
  private final double[][] mu;

  private final double[][] sigma;
  private final double[][] logNorm;
  /** Categorical dims: [dim][kernel][choice] log probability. */
  private final double[][][] logProb;

  private final double[][] prob;

  /**
   * @param x the observations' internal coordinates, [observation][dimension of the group]
   * @param weights the observations' weights (same order)
   */
  ParzenEstimator(
      List<Dimension> dims, double[][] x, double[] weights, TpeSettings s) {
    this.dims = dims;
    int n = x.length;
    kernels = n + 1;
    double[] w = Arrays.copyOf(weights, kernels);
    w[n] = n == 0 ? 1.0 : s.priorWeight();
    double sum = 0;
    for (double v : w) sum += v;
    logWeights = new double[kernels];
    cumWeights = new double[kernels];
    double acc = 0;
    for (int k = 0; k < kernels; k++) {
      logWeights[k] = Math.log(w[k] / sum);
      acc += w[k] / sum;
      cumWeights[k] = acc;
    }
    int d = dims.size();
    mu = new double[d][];
    sigma = new double[d][];
    logNorm = new double[d][];
    logProb = new double[d][][];
    prob = new double[d][];
    for (int j = 0; j < d; j++) {
      Dimension dim = dims.get(j);
      if (dim instanceof Dimension.Categorical c) {
        categorical(j, c.choices().size(), x, s.priorWeight());
      } else {
        numeric(j, dim.low(), dim.high(), x, s, d);
      }
    }
  }

  private void categorical(int j, int choices, double[][] x, double priorWeight) {
    int n = x.length;
    logProb[j] = new double[kernels][choices];
    for (int k = 0; k < kernels; k++) {
      double[] p = new double[choices];
      Arrays.fill(p, priorWeight / choices);
      if (k < n) p[(int) x[k][j]] += 1;
      double z = 0;
      for (double v : p) z += v;
      for (int c = 0; c < choices; c++) logProb[j][k][c] = Math.log(p[c] / z);
    }
  }

  private void numeric(int j, double lo, double hi, double[][] x, TpeSettings s, int groupDims) {
    int n = x.length;
    double range = hi - lo;
    double[] m = new double[kernels];
    double[] sg = new double[kernels];
    for (int k = 0; k < n; k++) m[k] = x[k][j];
    m[n] = 0.5 * (lo + hi);
    if (s.multivariate()) {
      double bw = SIGMA0 * Math.pow(Math.max(n, 1), -1.0 / (groupDims + 4)) * range;
      Arrays.fill(sg, 0, n, bw);
    } else {
      neighbourBandwidths(m, n, lo, hi, sg);
    }
    sg[n] = range;
    double minSigma = s.magicClip() ? range / Math.min(100.0, 1.0 + kernels) : 1e-12;
    double[] ln = new double[kernels];
    for (int k = 0; k < kernels; k++) {
      sg[k] = Math.max(minSigma, Math.min(range, sg[k]));
      double z = Normal.cdf((hi - m[k]) / sg[k]) - Normal.cdf((lo - m[k]) / sg[k]);
      ln[k] = Math.log(sg[k]) + Math.log(Math.max(z, 1e-300)) + LOG_SQRT_2PI;
    }
    mu[j] = m;
    sigma[j] = sg;
    logNorm[j] = ln;
  }

  /** Optuna's univariate bandwidth: the larger gap to a neighbour among the sorted means. */
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
      out[i] = Math.max(left, right);
    }
  }

  /** Draws a point: a kernel by weight, then each dimension from it. */
  double[] sample(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    int k = Arrays.binarySearch(cumWeights, u);
    k = k >= 0 ? k : Math.min(kernels - 1, -k - 1);
    double[] out = new double[dims.size()];
    for (int j = 0; j < out.length; j++) {
      Dimension d = dims.get(j);
      if (logProb[j] != null) {
        double[] lp = logProb[j][k];
        double v = rnd.nextDouble(), a = 0;
        int c = 0;
        for (; c < lp.length - 1; c++) {
          a += Math.exp(lp[c]);
          if (v < a) break;
        }
        out[j] = c;
      } else {
        out[j] = truncatedNormal(rnd, mu[j][k], sigma[j][k], d.low(), d.high());
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
    double max = Double.NEGATIVE_INFINITY;
    double[] terms = new double[kernels];
    for (int k = 0; k < kernels; k++) {
      double t = logWeights[k];
      for (int j = 0; j < x.length; j++) {
        if (logProb[j] != null) {
          t += logProb[j][k][(int) x[j]];
        } else {
          double z = (x[j] - mu[j][k]) / sigma[j][k];
          t += -0.5 * z * z - logNorm[j][k];
        }
      }
      terms[k] = t;
      if (t > max) max = t;
    }
    if (max == Double.NEGATIVE_INFINITY) return max;
    double s = 0;
    for (double t : terms) s += Math.exp(t - max);
    return max + Math.log(s);
  }
}
