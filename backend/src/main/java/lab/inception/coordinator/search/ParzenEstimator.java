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
 * (the prior kernel: uniform). A kernel is the product over the group's dimensions of one
 * observation's kernels, so sampling keeps the observed combinations. Bandwidths ({@link
 * TpeSettings.Bandwidth}): per kernel and dimension the larger gap to a neighbouring observation
 * (Optuna's univariate rule), or one per dimension by Scott's rule {@code 0.2·n^(-1/(d+4))·range}
 * (Optuna's multivariate one); either way the "magic clip" bounds a bandwidth below by {@code range
 * / min(100, 1 + kernels)}. The log density is Optuna 3.5's, whose truncated normal includes the
 * −log σ that 3.1's leaves out (optuna#5109).
 *
 * <p>Kernels are stored dimension-major, means divided by their bandwidth, so that a density is a
 * few passes over flat arrays the JIT vectorises (one subtraction and one multiply-add per kernel
 * and dimension), and the densities of a batch of points are taken kernel block by kernel block, so
 * each block is read from memory once for the whole batch. Kernels more than {@value #NEGLIGIBLE}
 * nats below the largest term are left out of the sum (each one's share is below e^-30, that of
 * 10,000 such kernels below 1e-9).
 */
final class ParzenEstimator {

  private static final double SIGMA0 = 0.2;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double NEGLIGIBLE = 30;

  /** Kernels per block of a batched density. */
  private static final int BLOCK = 256;

  private final List<Dimension> dims;
  private final int kernels;
  private final int[] numeric;
  private final int[] categorical;
  private final double[] cumWeights;

  /** [j][kernel]: the mean of numeric dimension numeric[j]. */
  private final double[][] mu;

  /**
   * [j][kernel]: σ of numeric dimension numeric[j], per kernel (neighbour bandwidths); null where
   * the observations' kernels share {@link #sharedSigma}[j] (Scott's rule).
   */
  private final double[][] sigma;

  private final double[] sharedSigma;

  /** [j]: σ of the prior kernel. */
  private final double[] priorSigma;

  /** [j][kernel]: the mean times √½/σ (the prior kernel's entry unused). */
  private final double[][] scaled;

  /** [j][kernel]: √½/σ where σ is per kernel (the prior kernel's entry unused). */
  private final double[][] scale;

  /** [kernel]: log weight minus the numeric kernels' log normalisers. */
  private final double[] constant;

  /** [j][kernel]: the observed choice of categorical dimension categorical[j], −1 for the prior. */
  private final int[][] observed;

  /** The same as doubles, for the vectorised pass (the prior kernel's entry unused). */
  private final double[][] observedAt;

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
    this(dims, x, weights, s, null);
  }

  /**
   * @param ranked per dimension of the group, null or the observations' positions in ascending
   *     order of value (ties by position), so that neighbour bandwidths need no sort
   */
  ParzenEstimator(
      List<Dimension> dims, double[][] x, double[] weights, TpeSettings s, int[][] ranked) {
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
    mu = new double[dn][];
    sigma = new double[dn][];
    sharedSigma = new double[dn];
    priorSigma = new double[dn];
    scaled = new double[dn][];
    scale = new double[dn][];
    for (int j = 0; j < dn; j++) {
      int[] order = ranked == null ? null : ranked[numeric[j]];
      numeric(j, dims.get(numeric[j]), x[numeric[j]], s, dims.size(), order);
    }
    int dc = categorical.length;
    observed = new int[dc][kernels];
    observedAt = new double[dc][kernels];
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
      for (int k = 0; k < n; k++) {
        observed[j][k] = (int) col[k];
        observedAt[j][k] = observed[j][k];
      }
      observed[j][n] = -1;
    }
  }

  private static int[] indices(List<Dimension> dims, boolean categorical) {
    return java.util.stream.IntStream.range(0, dims.size())
        .filter(i -> (dims.get(i) instanceof Dimension.Categorical) == categorical)
        .toArray();
  }

  /** Numeric dimension j's kernels: means, bandwidths, and their normalisers into the constants. */
  private void numeric(
      int j, Dimension dim, double[] col, TpeSettings s, int groupDims, int[] ranked) {
    int n = kernels - 1;
    double lo = dim.low(), hi = dim.high(), range = hi - lo;
    double[] m = Arrays.copyOf(col, kernels);
    m[n] = 0.5 * (lo + hi);
    mu[j] = m;
    double minSigma = s.magicClip() ? range / Math.min(100.0, 1.0 + kernels) : 1e-12;
    priorSigma[j] = clip(range, minSigma, range);
    normalise(n, lo, hi, m[n], priorSigma[j]);
    if (s.multivariate() && s.bandwidth() == TpeSettings.Bandwidth.SCOTT) {
      double scott = SIGMA0 * Math.pow(Math.max(n, 1), -1.0 / (groupDims + 4)) * range;
      double sd = clip(scott, minSigma, range), iv = 1 / sd, logNorm = Math.log(sd) + LOG_SQRT_2PI;
      double scale = SQRT_HALF * iv;
      double[] ms = new double[kernels];
      for (int k = 0; k < n; k++) {
        constant[k] -= logNorm + logMass((m[k] - lo) * iv, (hi - m[k]) * iv);
        ms[k] = m[k] * scale;
      }
      sharedSigma[j] = sd;
      scaled[j] = ms;
    } else {
      double[] sg = new double[kernels], sc = new double[kernels], ms = new double[kernels];
      int[] order = ranked == null ? Order.ascending(m, kernels) : withPrior(ranked, m, n);
      neighbourBandwidths(m, n, lo, hi, sg, order);
      double lastSd = Double.NaN, iv = 0, logNorm = 0;
      for (int k = 0; k < n; k++) {
        double sd = clip(sg[k], minSigma, range);
        if (sd != lastSd) { // many share the magic clip's bound: its logarithm is taken once
          lastSd = sd;
          iv = 1 / sd;
          logNorm = Math.log(sd) + LOG_SQRT_2PI;
        }
        sg[k] = sd;
        sc[k] = SQRT_HALF * iv;
        ms[k] = m[k] * sc[k];
        constant[k] -= logNorm + logMass((m[k] - lo) * iv, (hi - m[k]) * iv);
      }
      sg[n] = priorSigma[j];
      sigma[j] = sg;
      scale[j] = sc;
      scaled[j] = ms;
      sharedSigma[j] = Double.NaN;
    }
  }

  /** The observations' order with the prior kernel n placed by its mean (last among equals). */
  private static int[] withPrior(int[] ranked, double[] m, int n) {
    long key = Order.key(m[n]);
    int lo = 0, hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(Order.key(m[ranked[mid]]), key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    int[] out = new int[n + 1];
    System.arraycopy(ranked, 0, out, 0, lo);
    out[lo] = n;
    System.arraycopy(ranked, lo, out, lo + 1, n - lo);
    return out;
  }

  private static double clip(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** Takes kernel k's normaliser (its σ and the truncation's mass) off its constant. */
  private void normalise(int k, double lo, double hi, double m, double sd) {
    constant[k] -= Math.log(sd) + LOG_SQRT_2PI + logMass((m - lo) / sd, (hi - m) / sd);
  }

  /**
   * The log mass log(Φ(b) − Φ(−a)) of a normal truncated a sigmas below and b above its mean (both
   * ≥ 0). When the ends are 14 sigmas apart or more, the far one is at least 7 away and the mass is
   * log Φ(near) to within Φ(−7) = 1.3e-12: one table lookup (most kernels, narrow ones); with one
   * end over six sigmas away, log Φ(a) + log Φ(b) to within 2Φ(−6) = 2e-9.
   */
  private static double logMass(double a, double b) {
    if (a + b >= 14) return Normal.logCdfPositive(Math.min(a, b));
    return a > 6 || b > 6
        ? Normal.logCdfPositive(a) + Normal.logCdfPositive(b)
        : Math.log(Math.max(Normal.cdfFast(b) - Normal.cdfFast(-a), 1e-300));
  }

  /**
   * Optuna's univariate bandwidth: the larger gap to a neighbour among the sorted means (prior's
   * included); the lowest and highest mean take the gap to their one neighbour, not to the range's
   * end (Optuna's {@code consider_endpoints=False}).
   */
  private static void neighbourBandwidths(
      double[] m, int n, double lo, double hi, double[] out, int[] order) {
    if (n == 0) return;
    double[] sorted = new double[n + 1]; // gathered once, so the gaps are one sequential pass
    for (int r = 0; r <= n; r++) sorted[r] = m[order[r]];
    for (int r = 0; r <= n; r++) {
      double left = r > 0 ? sorted[r] - sorted[r - 1] : sorted[r] - lo;
      double right = r < n ? sorted[r + 1] - sorted[r] : hi - sorted[r];
      if (r == 0) left = right;
      if (r == n) right = left;
      out[order[r]] = Math.max(left, right); // the prior's entry is overwritten by the caller
    }
  }

  /** Kernel k's σ in numeric dimension numeric[j]. */
  private double sd(int j, int k) {
    return k == kernels - 1 ? priorSigma[j] : sigma[j] == null ? sharedSigma[j] : sigma[j][k];
  }

  /** Draws a point: a kernel by weight, then each dimension from it. */
  double[] sample(SplittableRandom rnd) {
    int k = Arrays.binarySearch(cumWeights, rnd.nextDouble());
    k = k >= 0 ? k : Math.min(kernels - 1, -k - 1);
    double[] out = new double[dims.size()];
    int dn = numeric.length, dc = categorical.length;
    for (int j = 0; j < dn; j++) {
      Dimension d = dims.get(numeric[j]);
      out[numeric[j]] = truncatedNormal(rnd, mu[j][k], sd(j, k), d.low(), d.high());
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
    return logPdf(new double[][] {x})[0];
  }

  /**
   * The log density of each point under the mixture: a log-sum-exp over the kernels, block by
   * block, each point's running maximum and sum rescaled when a block raises the maximum.
   */
  double[] logPdf(double[][] points) {
    int p = points.length, n = kernels - 1;
    double[] max = new double[p], sum = new double[p];
    for (int c = 0; c < p; c++) {
      max[c] = term(points[c], n); // the prior kernel, on its own: finite everywhere in range
      sum[c] = 1;
    }
    double[] t = new double[kernels]; // a block's terms at the block's own places
    int[] kept = new int[BLOCK];
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(from + BLOCK, n);
      for (int c = 0; c < p; c++) {
        block(points[c], from, to, t);
        // only terms above the running maximum's cut can matter (the maximum only grows): they are
        // gathered without a branch, and the block's maximum is taken over them alone
        double cut = max[c] - NEGLIGIBLE;
        int nk = 0;
        for (int k = from; k < to; k++) {
          kept[nk] = k;
          nk += t[k] > cut ? 1 : 0;
        }
        if (nk == 0) continue;
        double m = max[c];
        for (int i = 0; i < nk; i++) m = Math.max(m, t[kept[i]]);
        double acc = m > max[c] ? sum[c] * Math.exp(max[c] - m) : sum[c];
        for (int i = 0; i < nk; i++) acc += Math.exp(t[kept[i]] - m);
        max[c] = m;
        sum[c] = acc;
      }
    }
    double[] out = new double[p];
    for (int c = 0; c < p; c++) out[c] = max[c] + Math.log(sum[c]);
    return out;
  }

  /**
   * The log terms of kernels [from, to) at x, into the same places of t (the same index into every
   * array, so that the JIT vectorises each pass).
   */
  private void block(double[] x, int from, int to, double[] t) {
    System.arraycopy(constant, from, t, from, to - from);
    for (int j = 0; j < numeric.length; j++) {
      double xj = x[numeric[j]];
      double[] ms = scaled[j];
      if (sigma[j] == null) {
        double xs = xj * SQRT_HALF / sharedSigma[j];
        for (int k = from; k < to; k++) {
          double z = xs - ms[k];
          t[k] -= z * z;
        }
      } else {
        double[] sc = scale[j];
        for (int k = from; k < to; k++) {
          double z = xj * sc[k] - ms[k];
          t[k] -= z * z;
        }
      }
    }
    for (int j = 0; j < categorical.length; j++) {
      double xj = (int) x[categorical[j]], miss = logMiss[j], gain = logHit[j] - miss;
      double[] o = observedAt[j];
      // choices are whole numbers, so max(0, 1 − |observed − x|) is 1 on a hit and 0 otherwise:
      // arithmetic the JIT vectorises, where a comparison per kernel would not be
      for (int k = from; k < to; k++) t[k] += miss + gain * Math.max(0, 1 - Math.abs(o[k] - xj));
    }
  }

  /** The prior kernel's log term at x: a lower bound of the log density. */
  double priorTerm(double[] x) {
    return term(x, kernels - 1);
  }

  /** One kernel's log term at x (the prior's observed category is −1: uniform). */
  private double term(double[] x, int k) {
    double t = constant[k];
    for (int j = 0; j < numeric.length; j++) {
      double z = (x[numeric[j]] - mu[j][k]) / sd(j, k);
      t -= 0.5 * z * z;
    }
    for (int j = 0; j < categorical.length; j++) {
      int obs = observed[j][k];
      t += obs < 0 ? logUniform[j] : obs == (int) x[categorical[j]] ? logHit[j] : logMiss[j];
    }
    return t;
  }
}
