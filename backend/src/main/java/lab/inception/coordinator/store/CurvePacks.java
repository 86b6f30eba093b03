package lab.inception.coordinator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.inception.coordinator.sched.TrialState;

/**
 * The packed copies of finished trials' curves (table {@code curve_packs}, migration V5, format
 * {@link CurvePack}), kept on the writer's connection: a trial in a final state is packed, and a
 * write of a trial's points drops its packs in the same transaction. So {@code trials.packed = 1}
 * always means that the packs are the trial's points, and a reader may take them instead.
 */
final class CurvePacks {

  /** How many trials one writer task packs before it lets queued writes run. */
  static final int PER_TASK = 64;

  /** The final states as SQL literals: {@code 'completed','pruned',…}. */
  private static final String FINAL =
      String.join(
          ",",
          Arrays.stream(TrialState.values())
              .filter(TrialState::terminal)
              .map(s -> "'" + s.key() + "'")
              .toList());

  private CurvePacks() {}

  /** Whether a trial document's state is final, so the trial is to be packed. */
  static boolean isFinal(String state) {
    return TrialState.of(state).map(TrialState::terminal).orElse(false);
  }

  /** Up to {@code limit} trials in a final state that have no packs yet. */
  static List<String> unpacked(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM trials WHERE packed=0 AND state IN (" + FINAL + ") LIMIT ?")) {
      ps.setInt(1, limit);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** Packs every metric of one trial from its points and marks it packed (call inside a tx). */
  static void pack(Connection c, String trial) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM curve_packs WHERE trial=?")) {
      del.setString(1, trial);
      del.executeUpdate();
    }
    try (PreparedStatement points =
            c.prepareStatement(
                "SELECT name, step, value FROM metrics WHERE trial=? ORDER BY name, step");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO curve_packs(trial,name,points,last_step) VALUES (?,?,?,?)")) {
      points.setString(1, trial);
      insert.setString(1, trial);
      String name = null;
      long last = 0;
      long[] steps = new long[1024];
      double[] values = new double[1024];
      int n = 0;
      try (ResultSet rs = points.executeQuery()) {
        while (rs.next()) {
          String at = rs.getString(1);
          if (!at.equals(name)) {
            if (name != null) insert(insert, name, CurvePack.encode(steps, values, n), last);
            name = at;
            n = 0;
          }
          last = rs.getLong(2);
          double v = rs.getDouble(3);
          if (rs.wasNull() || !Double.isFinite(v)) continue;
          if (n == steps.length) {
            steps = Arrays.copyOf(steps, n * 2);
            values = Arrays.copyOf(values, n * 2);
          }
          steps[n] = last;
          values[n++] = v;
        }
      }
      if (name != null) insert(insert, name, CurvePack.encode(steps, values, n), last);
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET packed=1 WHERE id=?")) {
      ps.setString(1, trial);
      ps.executeUpdate();
    }
  }

  private static void insert(PreparedStatement insert, String name, byte[] points, long last)
      throws SQLException {
    insert.setString(2, name);
    insert.setBytes(3, points);
    insert.setLong(4, last);
    insert.executeUpdate();
  }

  /**
   * Drops the packs of trials whose points were just written (call in the same transaction);
   * returns whether any of them had packs.
   */
  static boolean drop(Connection c, Iterable<String> trials) throws SQLException {
    boolean any = false;
    try (PreparedStatement mark =
            c.prepareStatement("UPDATE trials SET packed=0 WHERE id=? AND packed=1");
        PreparedStatement del = c.prepareStatement("DELETE FROM curve_packs WHERE trial=?")) {
      for (String t : trials) {
        mark.setString(1, t);
        if (mark.executeUpdate() == 0) continue;
        del.setString(1, t);
        del.executeUpdate();
        any = true;
      }
    }
    return any;
  }
}
