package lab.inception.cli;

import java.util.Locale;

/** Number formats of the CLI tables. */
final class Numbers {
  private Numbers() {}

  /** 1498376192 → "1,498,376,192". */
  static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** 1498376192 → "1.50 G". */
  static String human(long n) {
    if (n >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.2f G", n / 1e9);
    }
    if (n >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.2f M", n / 1e6);
    }
    if (n >= 1_000L) {
      return String.format(Locale.ROOT, "%.1f K", n / 1e3);
    }
    return Long.toString(n);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String shape(long[] dims) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      b.append(i > 0 ? "×" : "").append(dims[i]);
    }
    return b.toString();
  }
}
