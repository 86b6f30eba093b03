package lab.inception.coordinator.store;

import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.coordinator.curves.Curve;
import lab.inception.coordinator.curves.MinMaxBuckets;

/**
 * Reads one metric of several trials for the curves endpoint, downsampled as it is read (one
 * trial's points in memory at a time). Curves the cache holds are not read again; of the others,
 * the packed trials' ({@link CurvePacks}) come from one query over their rows in {@code
 * curve_packs}, one row a trial, and the rest from a range scan of the metrics table's primary key
 * (trial, name, step) above {@code since}, one per trial. Both give the same curve.
 */
final class CurveReader {

  private static final System.Logger LOG = System.getLogger("lab.inception.store");

  private CurveReader() {}

  static List<Curve> read(
      Connection c, String metric, long since, List<String> trials, int buckets, CurveCache cache)
      throws SQLException {
    Map<String, Curve> got = new HashMap<>();
    Map<String, Long> missing = new LinkedHashMap<>(); // trial → its cache version before reading
    for (String trial : trials) {
      if (got.containsKey(trial) || missing.containsKey(trial)) continue;
      long version = cache.version(trial);
      Curve cached = cache.get(CurveCache.key(trial, metric, since, buckets), version);
      if (cached != null) got.put(trial, cached);
      else missing.put(trial, version);
    }
    if (!missing.isEmpty()) {
      Buffer buf = new Buffer();
      Map<String, Long> unpacked = new LinkedHashMap<>(missing);
      try (PreparedStatement packed =
          c.prepareStatement(
              "SELECT t.id, p.points, p.last_step FROM json_each(?1) j"
                  + " JOIN trials t ON t.id = j.value AND t.packed = 1"
                  + " LEFT JOIN curve_packs p ON p.trial = t.id AND p.name = ?2")) {
        packed.setString(1, new JsonArray(new ArrayList<>(missing.keySet())).encode());
        packed.setString(2, metric);
        try (ResultSet rs = packed.executeQuery()) {
          while (rs.next()) {
            String trial = rs.getString(1);
            buf.reset();
            byte[] blob = rs.getBytes(2);
            if (blob != null) {
              try {
                CurvePack.decode(blob, since, buf::add);
              } catch (IllegalArgumentException e) {
                // a damaged copy: the points are the record, read them instead
                LOG.log(
                    System.Logger.Level.WARNING,
                    "packed " + metric + " of trial " + trial + " unreadable, reading its points",
                    e);
                continue;
              }
              buf.lastStep = rs.getLong(3);
            }
            got.put(
                trial, cache(buf, trial, metric, since, buckets, unpacked.remove(trial), cache));
          }
        }
      }
      if (!unpacked.isEmpty()) {
        try (PreparedStatement points =
                c.prepareStatement(
                    "SELECT step, value FROM metrics WHERE trial=? AND name=? AND step>?"
                        + " ORDER BY step");
            PreparedStatement last =
                c.prepareStatement("SELECT MAX(step) FROM metrics WHERE trial=? AND name=?")) {
          for (var e : unpacked.entrySet()) {
            buf.reset();
            scan(points, last, e.getKey(), metric, since, buf);
            got.put(
                e.getKey(), cache(buf, e.getKey(), metric, since, buckets, e.getValue(), cache));
          }
        }
      }
    }
    List<Curve> out = new ArrayList<>(trials.size());
    for (String trial : trials) out.add(got.get(trial));
    return out;
  }

  /** The curve of what {@code buf} holds, downsampled, put in the cache under {@code version}. */
  private static Curve cache(
      Buffer buf,
      String trial,
      String metric,
      long since,
      int buckets,
      long version,
      CurveCache cache) {
    int[] keep = MinMaxBuckets.keep(buf.steps, buf.values, buf.n, buckets);
    long[] steps = new long[keep.length];
    double[] values = new double[keep.length];
    for (int i = 0; i < keep.length; i++) {
      steps[i] = buf.steps[keep[i]];
      values[i] = buf.values[keep[i]];
    }
    Curve curve = new Curve(trial, steps, values, buf.n, keep.length < buf.n, buf.lastStep);
    cache.put(CurveCache.key(trial, metric, since, buckets), version, curve);
    return curve;
  }

  /** The trial's stored points above {@code since} and the metric's last step into {@code buf}. */
  private static void scan(
      PreparedStatement points,
      PreparedStatement last,
      String trial,
      String metric,
      long since,
      Buffer buf)
      throws SQLException {
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
    buf.lastStep =
        lastStep != Long.MIN_VALUE ? Long.valueOf(lastStep) : maxStep(last, trial, metric);
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
    Long lastStep;

    void reset() {
      n = 0;
      lastStep = null;
    }

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
