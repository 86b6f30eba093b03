package lab.inception.coordinator.http;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import lab.inception.coordinator.store.Store;

/** Every row of the sweeps and trials tables, as text, grouped by sweep id. */
final class StoreDump {

  private StoreDump() {}

  /** Sweep id → its sweeps row and its trials rows, after the store's pending writes. */
  static Map<String, String> bySweep(Store store, Path dir) throws Exception {
    store.barrier().toCompletionStage().toCompletableFuture().get();
    Map<String, String> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("inception.db"));
        Statement s = c.createStatement()) {
      rows(s, "SELECT * FROM sweeps ORDER BY id", "id", out);
      rows(s, "SELECT * FROM trials ORDER BY sweep, idx, id", "sweep", out);
    }
    return out;
  }

  private static void rows(Statement s, String q, String key, Map<String, String> out)
      throws SQLException {
    try (ResultSet rs = s.executeQuery(q)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) b.append(rs.getString(i)).append('|');
        out.merge(rs.getString(key), b.append('\n').toString(), String::concat);
      }
    }
  }
}
