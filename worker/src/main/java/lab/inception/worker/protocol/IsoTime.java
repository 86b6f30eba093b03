package lab.inception.worker.protocol;

import java.time.Instant;

/**
 * Epoch milliseconds as an ISO-8601 instant with milliseconds, {@code 2026-11-26T15:00:00.123Z}:
 * the form of a metric point's {@code time} in the API and the database. Metric points are many, so
 * the {@code yyyy-MM-ddTHH:mm:ss} part is kept for the second last formatted.
 */
public final class IsoTime {

  private record Second(long second, String text) {}

  private static volatile Second last = new Second(Long.MIN_VALUE, "");

  private IsoTime() {}

  public static String format(long epochMs) {
    return appendTo(new StringBuilder(24), epochMs).toString();
  }

  /** Appends the instant to {@code b} and returns {@code b}. */
  public static StringBuilder appendTo(StringBuilder b, long epochMs) {
    long second = Math.floorDiv(epochMs, 1000);
    int ms = (int) Math.floorMod(epochMs, 1000);
    Second s = last;
    if (s.second != second) {
      String iso = Instant.ofEpochSecond(second).toString(); // yyyy-MM-ddTHH:mm:ssZ
      s = new Second(second, iso.substring(0, iso.length() - 1));
      last = s;
    }
    b.append(s.text).append('.');
    if (ms < 100) b.append('0');
    if (ms < 10) b.append('0');
    return b.append(ms).append('Z');
  }
}
