package lab.inception.coordinator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.inception.coordinator.curves.Curve;
import lab.inception.coordinator.curves.MinMaxBuckets;

/**
 * Reads one metric of several trials for the curves endpoint: per trial one range scan of the
 * metrics table's primary key (trial, name, step) above {@code since}, downsampled as it is read
 * (one trial's points in memory at a time).
 */
final class CurveReader {

  private CurveReader() {}

  static List<Curve> read(
      Connection c, String metric, long since, List<String> trials, int buckets, CurveCache cache)
      throws SQLException {
    List<Curve> out = new ArrayList<>(trials.size());
    Buffer buf = new Buffer();
    try (PreparedStatement points =
            c.prepareStatement(
                "SELECT step, value FROM metrics WHERE trial=? AND name=? AND step>? ORDER BY step");
        PreparedStatement last =
            c.prepareStatement("SELECT MAX(step) FROM metrics WHERE trial=? AND name=?")) {
      for (String trial : trials) {
        String key = CurveCache.key(trial, metric, since, buckets);
        long version = cache.version(trial);
        Curve cached = cache.get(key, version);
        if (cached != null) {
          out.add(cached);
          continue;
        }
        buf.n = 0;
        long lastStep = Long.MIN_VALUE;
        points.setString(1, trial);
        points.setString(2, metric);
        points.setLong(3, since);
        try (ResultSet rs = points.executeQuery()) {
          while (rs.next()) {
            lastStep = rs.getLong(1);
            double v = rs.getDouble(2);
            if (!rs.wasNull() && Double.isFinite(v)) buf.add(lastStep, v);
          }
        }
        Long lastKnown =
            lastStep != Long.MIN_VALUE ? Long.valueOf(lastStep) : maxStep(last, trial, metric);
        int[] keep = MinMaxBuckets.keep(buf.steps, buf.values, buf.n, buckets);
        long[] steps = new long[keep.length];
        double[] values = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
          steps[i] = buf.steps[keep[i]];
          values[i] = buf.values[keep[i]];
        }
        Curve curve = new Curve(trial, steps, values, buf.n, keep.length < buf.n, lastKnown);
        cache.put(key, version, curve);
        out.add(curve);
      }
    }
    return out;
  }

  private static Long maxStep(PreparedStatement last, String trial, String metric)
      throws SQLException {
    last.setString(1, trial);
    last.setString(2, metric);
    try (ResultSet rs = last.executeQuery()) {
      long v = rs.getLong(1);
      return rs.wasNull() ? null : v;
    }
  }

  /** One trial's points, grown as needed and reused for the next trial. */
  private static final class Buffer {
    long[] steps = new long[4096];
    double[] values = new double[4096];
    int n;

    void add(long step, double value) {
      if (n == steps.length) {
        steps = Arrays.copyOf(steps, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      steps[n] = step;
      values[n++] = value;
    }
  }
}
