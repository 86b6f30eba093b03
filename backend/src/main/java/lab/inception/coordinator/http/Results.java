package lab.inception.coordinator.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lab.inception.coordinator.sched.Trial;

/** A sweep's results: one row per trial, as JSON and as CSV. */
public final class Results {

  /** The outcome columns of a results row, in order. */
  public static final List<String> OUTCOMES =
      List.of(
          "params",
          "macs",
          "bestValAccuracy",
          "finalValAccuracy",
          "testAccuracy",
          "seconds",
          "imagesPerSec");

  private Results() {}

  /** One row per stored trial document (read back through {@link Trials#parse}). */
  static JsonArray rows(JsonArray docs) {
    return rows(Trials.parse(docs));
  }

  /** One row per trial. */
  static JsonArray rows(List<Trial> trials) {
    JsonArray out = new JsonArray(new java.util.ArrayList<>(trials.size()));
    for (Trial trial : trials) {
      JsonObject t = trial.toJson();
      JsonObject r =
          new JsonObject()
              .put("trial", t.getString("id"))
              .put("index", t.getInteger("index"))
              .put("state", t.getString("state"))
              .put("attempt", t.getInteger("attempt"))
              .put("parameters", t.getJsonObject("parameters"));
      for (String k : OUTCOMES) r.put(k, t.getValue(k));
      r.put(
          "rung",
          t.getValue("prunedAtRung") != null ? t.getValue("prunedAtRung") : t.getValue("rung"));
      r.put("error", t.getValue("error"));
      out.add(r);
    }
    return out;
  }

  static String csv(JsonArray rows) {
    Set<String> params = new LinkedHashSet<>();
    for (int i = 0; i < rows.size(); i++)
      params.addAll(rows.getJsonObject(i).getJsonObject("parameters").fieldNames());
    StringBuilder sb = new StringBuilder("trial,index,state,attempt");
    params.forEach(p -> sb.append(',').append(cell(p)));
    OUTCOMES.forEach(o -> sb.append(',').append(o));
    sb.append(",rung\n");
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      sb.append(cell(r.getValue("trial"))).append(',').append(cell(r.getValue("index")));
      sb.append(',')
          .append(cell(r.getValue("state")))
          .append(',')
          .append(cell(r.getValue("attempt")));
      JsonObject p = r.getJsonObject("parameters");
      params.forEach(k -> sb.append(',').append(cell(p.getValue(k))));
      OUTCOMES.forEach(o -> sb.append(',').append(cell(r.getValue(o))));
      sb.append(',').append(cell(r.getValue("rung"))).append('\n');
    }
    return sb.toString();
  }

  /**
   * One CSV cell, as OWASP's CSV-injection guidance says: a text starting with {@code =}, {@code
   * +}, {@code -}, {@code @}, tab or carriage return gets a leading single quote (so a spreadsheet
   * shows it as text instead of running it), and a cell with a comma, quote, CR or LF is quoted
   * with its quotes doubled. Numbers are written as they are (a negative number is not a formula).
   */
  static String cell(Object v) {
    if (v == null) return "";
    String s = v.toString();
    if (!(v instanceof Number) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0)
      return '"' + s.replace("\"", "\"\"") + '"';
    return s;
  }
}
