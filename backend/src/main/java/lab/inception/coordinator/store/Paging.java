package lab.inception.coordinator.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.coordinator.http.Results;

/**
 * Sorted, filtered, keyset-paged reads of the sweeps and of one sweep's trials, all in SQL. A page
 * ends with a {@link Cursor} holding the last row's sort value and tie-breaker (id for sweeps,
 * index for trials); the next page starts strictly after it, so rows added meanwhile never shift a
 * page and no row is read twice. Rows without a sort value come last in either direction.
 */
public final class Paging {

  private Paging() {}

  /** What can be listed, with the columns it sorts by (API name → SQL expression). */
  public enum Listing {
    SWEEPS("s.id", sweepColumns()),
    TRIALS("idx", trialColumns());

    final String tie;
    final Map<String, String> columns;

    Listing(String tie, Map<String, String> columns) {
      this.tie = tie;
      this.columns = columns;
    }

    /** The sort keys, in the document's order. */
    public List<String> keys() {
      return List.copyOf(columns.keySet());
    }
  }

  private static Map<String, String> sweepColumns() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : List.of("created", "updated", "name", "state")) m.put(k, "s." + k);
    return m;
  }

  private static Map<String, String> trialColumns() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("index", "idx");
    m.put("state", "state");
    m.put("created", "json_extract(doc,'$.created')");
    for (String k : Results.OUTCOMES) {
      // older documents hold the result fields only under result
      m.put(k, "COALESCE(json_extract(doc,'$." + k + "'),json_extract(doc,'$.result." + k + "'))");
    }
    return m;
  }

  /** A sort: one of the listing's keys, ascending or not. */
  public record Sort(String key, boolean descending) {
    @Override
    public String toString() {
      return (descending ? "-" : "") + key;
    }
  }

  /**
   * One read: the sort, the filters (states, one parameter's exact value; null: none), how many
   * rows ({@code limit}, -1: all), where to start ({@code after}, null: at the first) and, for
   * sweeps, whether archived ones are listed too.
   */
  public record Query(
      Listing listing,
      Sort sort,
      List<String> states,
      String param,
      Object paramValue,
      int limit,
      Cursor after,
      boolean archived) {

    /** Names the sort and filters: a cursor is valid only for the query it was made by. */
    String fingerprint() {
      return listing + "|" + sort + "|" + states + "|" + param + "=" + paramValue + "|" + archived;
    }
  }

  /** Where a page ended: the sort value of its last row ({@code value}, null when it had none). */
  public record Cursor(String fingerprint, Object value, Object tie) {

    String encode() {
      JsonObject j = new JsonObject().put("q", fingerprint).put("v", value).put("t", tie);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(j.encode().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a page of the same query gave.
     *
     * @throws IllegalArgumentException saying why it is not one
     */
    public static Cursor decode(String text, Query query) {
      JsonObject j;
      try {
        j = new JsonObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "cursor is not one this server gave (pass a page's next)");
      }
      Object v = j.getValue("v");
      Object t = j.getValue("t");
      if (!(j.getValue("q") instanceof String q)
          || !(v == null || v instanceof Number || v instanceof String)
          || !(t instanceof Number || t instanceof String)) {
        throw new IllegalArgumentException(
            "cursor is not one this server gave (pass a page's next)");
      }
      if (!q.equals(query.fingerprint())) {
        throw new IllegalArgumentException(
            "cursor belongs to another sort or filter; start again without cursor");
      }
      return new Cursor(q, v, t);
    }
  }

  /** One page: its rows (stored documents for trials), the next page's cursor, the match count. */
  public record Page(JsonArray items, String next, int total) {}

  static Page sweeps(Connection c, Query q) throws SQLException {
    Sql where = new Sql();
    if (!q.archived) where.and("s.archived=0");
    states(where, "s.state", q.states);
    return page(
        c,
        q,
        Store.SWEEP_SELECT + ", " + key(q) + ", s.id FROM sweeps s",
        "FROM sweeps s",
        where,
        Store::sweepRow,
        Store.SWEEP_COLUMNS + 1);
  }

  static Page trials(Connection c, String sweep, Query q) throws SQLException {
    Sql where = new Sql().and("sweep=?", sweep);
    states(where, "state", q.states);
    if (q.param != null) {
      where.and("json_extract(doc,?)=?", "$.parameters.\"" + q.param + "\"", q.paramValue);
    }
    return page(
        c,
        q,
        "SELECT doc, " + key(q) + ", idx FROM trials",
        "FROM trials",
        where,
        rs -> new JsonObject(rs.getString(1)),
        2);
  }

  private interface Row {
    JsonObject read(ResultSet rs) throws SQLException;
  }

  private static String key(Query q) {
    return q.listing.columns.get(q.sort.key());
  }

  private static void states(Sql where, String column, List<String> states) {
    if (states == null || states.isEmpty()) return;
    where.and(column + " IN (" + "?,".repeat(states.size() - 1) + "?)", states.toArray());
  }

  /** The count of the filtered rows, then one page of them after the cursor. */
  private static Page page(
      Connection c, Query q, String select, String from, Sql where, Row row, int keyColumn)
      throws SQLException {
    int total;
    try (PreparedStatement ps = where.prepare(c, "SELECT COUNT(*) " + from)) {
      try (ResultSet rs = ps.executeQuery()) {
        total = rs.getInt(1);
      }
    }
    String k = key(q);
    String tie = q.listing.tie;
    String cmp = q.sort.descending() ? "<" : ">";
    Sql page = where.copy();
    if (q.after != null) {
      if (q.after.value() == null) {
        page.and("(" + k + " IS NULL AND " + tie + cmp + "?)", q.after.tie());
      } else {
        page.and(
            "(" + k + " IS NULL OR " + k + cmp + "? OR (" + k + "=? AND " + tie + cmp + "?))",
            q.after.value(),
            q.after.value(),
            q.after.tie());
      }
    }
    String dir = q.sort.descending() ? " DESC" : "";
    String order = " ORDER BY (" + k + ") IS NULL, " + k + dir + ", " + tie + dir + " LIMIT ?";
    JsonArray items = new JsonArray();
    Object lastKey = null;
    Object lastTie = null;
    boolean more = false;
    try (PreparedStatement ps = page.prepare(c, select, order)) {
      ps.setInt(page.args.size() + 1, q.limit < 0 ? -1 : q.limit + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (q.limit >= 0 && items.size() == q.limit) {
            more = true;
            break;
          }
          items.add(row.read(rs));
          lastKey = rs.getObject(keyColumn);
          lastTie = rs.getObject(keyColumn + 1);
        }
      }
    }
    String next = more ? new Cursor(q.fingerprint(), lastKey, lastTie).encode() : null;
    return new Page(items, next, total);
  }

  /** A WHERE clause and its arguments, built up with {@link #and}. */
  private static final class Sql {
    final List<String> terms = new ArrayList<>();
    final List<Object> args = new ArrayList<>();

    Sql and(String term, Object... values) {
      terms.add(term);
      args.addAll(List.of(values));
      return this;
    }

    Sql copy() {
      Sql s = new Sql();
      s.terms.addAll(terms);
      s.args.addAll(args);
      return s;
    }

    PreparedStatement prepare(Connection c, String head) throws SQLException {
      return prepare(c, head, "");
    }

    PreparedStatement prepare(Connection c, String head, String tail) throws SQLException {
      String sql = head + (terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms)) + tail;
      PreparedStatement ps = c.prepareStatement(sql);
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof Boolean b) ps.setInt(i + 1, b ? 1 : 0);
        else ps.setObject(i + 1, a);
      }
      return ps;
    }
  }
}
