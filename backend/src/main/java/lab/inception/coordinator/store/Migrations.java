package lab.inception.coordinator.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * A small versioned-migration runner: classpath scripts {@code db/migration/V<n>__<name>.sql} are
 * applied in order, each in its own transaction, and recorded in {@code schema_version}. (Flyway's
 * SQLite support lives outside flyway-core; the schema here is small enough not to need it.)
 */
final class Migrations {

  /** Every migration, oldest first. Append; never edit one that has shipped. */
  static final List<String> SCRIPTS =
      List.of(
          "V1__init.sql",
          "V2__main_head_loss.sql",
          "V3__sweep_notes.sql",
          "V4__trial_rank.sql",
          "V5__curve_packs.sql");

  private Migrations() {}

  /** Applies the scripts newer than the database's version; returns the version reached. */
  static int migrate(Connection c) throws SQLException {
    return migrate(c, SCRIPTS.size());
  }

  /** Applies the scripts up to version {@code upTo} (tests build old databases with it). */
  static int migrate(Connection c, int upTo) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied TEXT NOT NULL)");
    }
    int current = current(c);
    for (int v = current + 1; v <= upTo; v++) {
      apply(c, v, SCRIPTS.get(v - 1));
    }
    return Math.max(current, upTo);
  }

  private static int current(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      int v = rs.getInt(1);
      if (v > SCRIPTS.size()) {
        throw new SQLException(
            "the database is at schema version "
                + v
                + ", newer than this program's "
                + SCRIPTS.size());
      }
      return v;
    }
  }

  private static void apply(Connection c, int version, String script) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String sql : read(script).split(";\\s*(\\n|$)")) {
        if (!sql.isBlank()) s.execute(sql);
      }
      s.execute(
          "INSERT INTO schema_version VALUES ("
              + version
              + ", '"
              + script
              + "', '"
              + Instant.now()
              + "')");
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static String read(String script) throws SQLException {
    try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
      if (in == null) throw new SQLException("missing migration script " + script);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("cannot read migration " + script, e);
    }
  }
}
