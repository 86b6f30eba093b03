package lab.inception.coordinator.curves;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a finite number as a JSON number of at most 7 significant digits (float precision: far
 * finer than a pixel of a chart, or the 4 digits a tooltip shows), several times faster than {@code
 * Float.toString}, which the curves endpoint spent most of its time in. As Java writes numbers:
 * plain from 1e-5 to below 1e7 and always with a fraction ({@code 3.0}), else {@code d.ddddddE±x};
 * trailing zeros dropped; the 7-digit decimal nearest the value (half up).
 */
public final class SevenDigits {

  private static final double[] POW10 = new double[23]; // exact powers: 1e0 … 1e22

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++, p *= 10) POW10[i] = p;
  }

  private SevenDigits() {}

  public static StringBuilder append(StringBuilder b, double v) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException("not a JSON number: " + v);
    if (v == 0) return b.append('0');
    if (v < 0) {
      b.append('-');
      v = -v;
    }
    int e = (int) Math.floor(Math.log10(v));
    int shift = 6 - e; // v · 10^shift has 7 digits before the point
    if (shift < -22 || shift > 22) return exact(b, v); // beyond the exact powers: rare
    double scaled = shift >= 0 ? v * POW10[shift] : v / POW10[-shift];
    long m = (long) Math.floor(scaled + 0.5);
    if (m >= 10_000_000) { // log10 rounded down, or the rounding carried into an eighth digit
      m = (m + 5) / 10;
      e++;
    } else if (m < 1_000_000) { // log10 rounded up
      m = (long) Math.floor(scaled * 10 + 0.5);
      e--;
    }
    if (m >= 10_000_000) {
      m /= 10;
      e++;
    }
    int digits = 7;
    while (m % 10 == 0 && digits > 1) {
      m /= 10;
      digits--;
    }
    char[] d = new char[digits];
    for (int i = digits - 1; i >= 0; i--, m /= 10) d[i] = (char) ('0' + m % 10);
    if (e >= -5 && e < 7) return plain(b, d, e);
    b.append(d[0]).append('.');
    if (digits > 1) b.append(d, 1, digits - 1);
    else b.append('0');
    return b.append('E').append(e);
  }

  /** The slow way, for magnitudes below 1e-16 or from 1e29. */
  private static StringBuilder exact(StringBuilder b, double v) {
    BigDecimal r = new BigDecimal(v).round(new MathContext(7, RoundingMode.HALF_UP));
    BigInteger digits = r.unscaledValue().abs();
    while (digits.signum() != 0 && digits.mod(BigInteger.TEN).signum() == 0) {
      digits = digits.divide(BigInteger.TEN);
    }
    String d = digits.toString();
    int e = r.precision() - r.scale() - 1;
    b.append(d.charAt(0)).append('.').append(d.length() > 1 ? d.substring(1) : "0");
    return b.append('E').append(e);
  }

  /** Digits {@code d} of a number whose first digit is at 10^e, without an exponent. */
  private static StringBuilder plain(StringBuilder b, char[] d, int e) {
    if (e < 0) {
      b.append("0.");
      for (int i = -1; i > e; i--) b.append('0');
      return b.append(d);
    }
    int whole = e + 1;
    if (d.length <= whole) {
      b.append(d);
      for (int i = d.length; i < whole; i++) b.append('0');
      return b.append(".0"); // a fraction, as Java writes it: read back as a float everywhere
    }
    return b.append(d, 0, whole).append('.').append(d, whole, d.length - whole);
  }
}
