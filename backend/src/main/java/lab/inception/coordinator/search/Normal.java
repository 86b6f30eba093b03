package lab.inception.coordinator.search;

/** The standard normal distribution's CDF (Java has no erf). */
final class Normal {

  private Normal() {}

  private static final double SQRT_HALF = Math.sqrt(0.5);

  /** Φ(x) = erfc(−x/√2)/2. */
  static double cdf(double x) {
    return 0.5 * erfc(-x * SQRT_HALF);
  }

  /**
   * Φ(x) to within 1.5e-7 (Abramowitz and Stegun 7.1.26): one exponential, for the many truncation
   * masses of a Parzen estimator, where it changes a log density by less than 1e-6.
   */
  static double cdfFast(double x) {
    double z = Math.abs(x) * SQRT_HALF;
    double t = 1 / (1 + 0.3275911 * z);
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double tail = 0.5 * poly * Math.exp(-z * z); // Φ(−|x|)
    return x >= 0 ? 1 - tail : tail;
  }

  /** The table's end and step: log Φ on [0, 8] every 1/1024. */
  private static final double TABLE_END = 8;

  private static final int PER_UNIT = 1024;

  /** Filled on first use (after {@link #COF}, which it needs, is initialised). */
  private static final class Table {
    static final double[] LOG_CDF = logCdfTable();
  }

  private static double[] logCdfTable() {
    int n = (int) (TABLE_END * PER_UNIT) + 1;
    double[] t = new double[n + 1];
    for (int i = 0; i < n; i++) t[i] = Math.log(cdf((double) i / PER_UNIT));
    t[n] = t[n - 1]; // so that interpolation at the upper end reads inside the array
    return t;
  }

  /**
   * log Φ(x) for x ≥ 0 from a table, linearly interpolated: within 1e-7 (step²·max|f″|/8, f″ lying
   * in (−0.64, 0) there); beyond 8, log Φ(8) = −6e-16. No branch but a clamp: a Parzen estimator
   * takes two per kernel and dimension.
   */
  static double logCdfPositive(double x) {
    double u = Math.min(x, TABLE_END) * PER_UNIT;
    int i = (int) u;
    double f = u - i;
    double[] t = Table.LOG_CDF;
    return t[i] + f * (t[i + 1] - t[i]);
  }

  /** erfc(x) by Numerical Recipes' Chebyshev fit (erfccheb), accurate to about 1.2e-16. */
  static double erfc(double x) {
    if (x < 0) return 2 - erfc(-x);
    double t = 2 / (2 + x);
    double ty = 4 * t - 2;
    double d = 0, dd = 0;
    for (int j = COF.length - 1; j > 0; j--) {
      double tmp = d;
      d = ty * d - dd + COF[j];
      dd = tmp;
    }
    return t * Math.exp(-x * x + 0.5 * (COF[0] + ty * d) - dd);
  }

  private static final double[] COF = {
    -1.3026537197817094,
    6.4196979235649026e-1,
    1.9476473204185836e-2,
    -9.561514786808631e-3,
    -9.46595344482036e-4,
    3.66839497852761e-4,
    4.2523324806907e-5,
    -2.0278578112534e-5,
    -1.624290004647e-6,
    1.303655835580e-6,
    1.5626441722e-8,
    -8.5238095915e-8,
    6.529054439e-9,
    5.059343495e-9,
    -9.91364156e-10,
    -2.27365122e-10,
    9.6467911e-11,
    2.394038e-12,
    -6.886027e-12,
    8.94487e-13,
    3.13092e-13,
    -1.12708e-13,
    3.81e-16,
    7.106e-15,
    -1.523e-15,
    -9.4e-17,
    1.21e-16,
    -2.8e-17
  };
}
