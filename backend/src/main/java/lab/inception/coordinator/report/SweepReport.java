package lab.inception.coordinator.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.inception.coordinator.http.Results;

/**
 * A self-contained report of one sweep — its configuration, the results table, the results grouped
 * by one or more parameters (mean, standard deviation and min–max of each accuracy column, mean
 * size, cost and speed), the accuracy × MACs Pareto front and the curves — as Markdown or as one
 * HTML page. The one renderer of the API's {@code GET /api/sweeps/{id}/report}, the CLI's {@code
 * sweep report} and the dashboard's report button.
 */
public final class SweepReport {

  /** A report's format: its name in {@code ?format=} and {@code --format}, and its media type. */
  public enum Format {
    MD("text/markdown", "md"),
    HTML("text/html", "html");

    private final String mediaType;
    private final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    public String mediaType() {
      return mediaType;
    }

    public String extension() {
      return extension;
    }

    /** {@code md} or {@code html}; anything else is refused naming both. */
    public static Format parse(String s) {
      for (Format f : values()) if (f.extension.equalsIgnoreCase(s.strip())) return f;
      throw new IllegalArgumentException("format must be md or html (got " + s + ")");
    }
  }

  private final ReportData data;
  private final GroupBy groupBy;
  private final List<String> varying;
  private final ReportWriter out;

  private SweepReport(ReportData data, GroupBy groupBy, List<String> varying, ReportWriter out) {
    this.data = data;
    this.groupBy = groupBy;
    this.varying = varying;
    this.out = out;
  }

  /**
   * Renders a report.
   *
   * @param groupBy the grouping parameters as {@link GroupBy#parse} reads them ({@code lr}, {@code
   *     model,block}, {@code all-but:seed}), or null for the first that varies
   * @throws IllegalArgumentException when {@code groupBy} names no parameter of the sweep's trials
   *     or is malformed
   */
  public static String render(ReportData data, String groupBy, Format format) {
    List<String> order = specOrder(data.sweep());
    List<String> varying = Grouping.varying(data.rows(), order);
    GroupBy g = GroupBy.parse(groupBy, Grouping.parameters(data.rows(), order), varying);
    ReportWriter w = format == Format.HTML ? new Html() : new Markdown();
    new SweepReport(data, g, varying, w).write();
    return w.finish();
  }

  /**
   * A Markdown report with its charts as files.
   *
   * @param markdown the report, each chart a link to its file
   * @param files file name → SVG text
   */
  public record Externalized(String markdown, Map<String, String> files) {}

  /**
   * Moves a Markdown report's inline charts into files named {@code prefix + name.svg}, to be
   * written next to it.
   */
  public static Externalized externalize(String markdown, String prefix) {
    return Markdown.externalize(markdown, prefix);
  }

  private static List<String> specOrder(JsonObject sweep) {
    JsonObject p = sweep.getJsonObject("spec", new JsonObject()).getJsonObject("parameters");
    return p == null ? List.of() : new ArrayList<>(p.fieldNames());
  }

  private void write() {
    JsonObject s = data.sweep();
    out.title("Sweep " + s.getString("name") + " (" + s.getString("id") + ")");
    out.paragraph(summary(s));
    out.heading("Configuration");
    out.code(s.getJsonObject("spec", new JsonObject()).encodePrettily());
    out.heading("Results");
    out.table(results());
    if (groupBy.any()) {
      out.heading("By " + groupBy.label());
      out.paragraph(
          "Per combination of "
              + groupBy.label()
              + ": the mean, the sample standard deviation (± std, from 2 trials on) and the"
              + " spread (min–max) of each accuracy, and the mean of "
              + String.join(", ", Grouping.COSTS)
              + ", over the group's trials that have one.");
      out.table(groups());
    }
    out.heading("Accuracy × MACs Pareto front");
    List<JsonObject> front = ParetoFront.of(data.rows());
    out.paragraph(
        "The trials no other trial beats on both "
            + ParetoFront.ACCURACY
            + " (higher) and MACs (fewer): "
            + front.size()
            + " of "
            + ParetoFront.measured(data.rows()).size()
            + " measured.");
    out.table(front(front));
    if (!front.isEmpty()) out.chart("pareto", "accuracy × MACs", scatter(front));
    out.heading("Curves");
    boolean any = false;
    for (String metric : ReportData.CURVE_METRICS) {
      List<ReportData.Curve> cs =
          data.curves().stream()
              .filter(c -> c.metric().equals(metric) && c.steps().length > 0)
              .toList();
      if (cs.isEmpty()) continue;
      any = true;
      out.chart("curve-" + metric, metric, curves(metric, cs));
    }
    if (!any) out.paragraph("No metric points yet.");
  }

  private static String summary(JsonObject s) {
    StringBuilder b = new StringBuilder("State ").append(s.getString("state"));
    b.append(" · ").append(s.getInteger("trials", 0)).append(" trials");
    JsonObject counts = s.getJsonObject("counts", new JsonObject());
    if (!counts.isEmpty()) {
      List<String> parts = new ArrayList<>();
      counts.forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
      b.append(" (").append(String.join(", ", parts)).append(')');
    }
    JsonObject spec = s.getJsonObject("spec", new JsonObject());
    if (spec.getString("dataset") != null)
      b.append(" · dataset ").append(spec.getString("dataset"));
    if (spec.getString("method") != null) b.append(" · method ").append(spec.getString("method"));
    b.append(" · created ")
        .append(s.getString("created"))
        .append(" · updated ")
        .append(s.getString("updated"));
    return b.toString();
  }

  private Table results() {
    List<String> header = new ArrayList<>(List.of("#", "trial"));
    header.addAll(varying);
    header.add("state");
    header.addAll(Results.OUTCOMES);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < data.rows().size(); i++) {
      JsonObject r = data.rows().getJsonObject(i);
      List<String> cells = lead(r);
      cells.add(r.getString("state"));
      for (String o : Results.OUTCOMES) cells.add(cell(o, r.getValue(o)));
      rows.add(cells);
    }
    return new Table(header, rows);
  }

  private Table groups() {
    List<String> header = new ArrayList<>(groupBy.parameters());
    header.add("trials");
    for (String a : Grouping.ACCURACIES) {
      header.add(a + " mean");
      header.add(a + " ± std");
      header.add(a + " min–max");
    }
    header.addAll(Grouping.COSTS);
    List<List<String>> rows = new ArrayList<>();
    for (Grouping.Group g : Grouping.by(data.rows(), groupBy.parameters())) {
      List<String> cells = new ArrayList<>(g.values());
      cells.add(String.valueOf(g.trials()));
      for (String a : Grouping.ACCURACIES) {
        Grouping.Stats st = g.stats().get(a);
        cells.add(st == null ? "—" : accuracy(st.mean()));
        cells.add(st == null || st.std().isEmpty() ? "—" : accuracy(st.std().getAsDouble()));
        cells.add(st == null ? "—" : accuracy(st.min()) + "–" + accuracy(st.max()));
      }
      for (String c : Grouping.COSTS) {
        Grouping.Stats st = g.stats().get(c);
        cells.add(cell(c, st == null ? null : st.mean()));
      }
      rows.add(cells);
    }
    return new Table(header, rows);
  }

  private Table front(List<JsonObject> front) {
    List<String> header = new ArrayList<>(List.of("#", "trial"));
    header.addAll(varying);
    header.addAll(List.of("macs", "params", ParetoFront.ACCURACY));
    List<List<String>> rows = new ArrayList<>();
    for (JsonObject r : front) {
      List<String> cells = lead(r);
      for (String o : List.of("macs", "params", ParetoFront.ACCURACY))
        cells.add(cell(o, r.getValue(o)));
      rows.add(cells);
    }
    return new Table(header, rows);
  }

  /** A row's first cells: index, trial and the values of the parameters that vary. */
  private List<String> lead(JsonObject r) {
    List<String> cells =
        new ArrayList<>(List.of(String.valueOf(r.getInteger("index")), r.getString("trial")));
    for (String p : varying) cells.add(Grouping.value(r, p));
    return cells;
  }

  private String scatter(List<JsonObject> front) {
    List<Svg.Dot> dots = new ArrayList<>();
    for (JsonObject r : ParetoFront.measured(data.rows()))
      dots.add(
          new Svg.Dot(
              r.getLong("macs"),
              r.getDouble(ParetoFront.ACCURACY),
              front.contains(r),
              r.getString("trial")
                  + ": "
                  + cell("macs", r.getLong("macs"))
                  + " MACs, "
                  + accuracy(r.getDouble(ParetoFront.ACCURACY))));
    return Svg.scatter(ParetoFront.ACCURACY + " × MACs (front in red)", "MACs", dots);
  }

  /** One curve per trial, coloured by the trial's group. */
  private String curves(String metric, List<ReportData.Curve> cs) {
    Map<String, String> groupOf = new LinkedHashMap<>();
    Map<String, String> colours = new LinkedHashMap<>();
    for (int i = 0; i < data.rows().size(); i++) {
      JsonObject r = data.rows().getJsonObject(i);
      String g = groupBy.any() ? label(Grouping.values(r, groupBy.parameters())) : "all";
      groupOf.put(r.getString("trial"), g);
      colours.computeIfAbsent(g, k -> Svg.colour(colours.size()));
    }
    List<Svg.Line> lines = new ArrayList<>();
    for (ReportData.Curve c : cs) {
      double[] x = new double[c.steps().length];
      for (int i = 0; i < x.length; i++) x[i] = c.steps()[i];
      String colour = colours.getOrDefault(groupOf.getOrDefault(c.trial(), "all"), Svg.colour(0));
      lines.add(new Svg.Line(colour, x, c.values()));
    }
    List<Svg.Key> legend = new ArrayList<>();
    colours.forEach((g, col) -> legend.add(new Svg.Key(col, g)));
    return Svg.lines(metric + " per trial", "step", lines, legend);
  }

  /** A group's legend entry: each grouping parameter and its value ({@code lr = 0.1, seed = 1}). */
  private String label(List<String> values) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++)
      parts.add(groupBy.parameters().get(i) + " = " + values.get(i));
    return String.join(", ", parts);
  }

  /** A results or group cell; a group's mean size or MACs is rounded to a whole number. */
  private static String cell(String column, Object v) {
    if (v == null) return "—";
    return switch (column) {
      case "params", "macs" ->
          String.format(Locale.ROOT, "%,d", Math.round(((Number) v).doubleValue()));
      case "seconds", "imagesPerSec" ->
          String.format(Locale.ROOT, "%.1f", ((Number) v).doubleValue());
      default -> v instanceof Number n ? accuracy(n.doubleValue()) : v.toString();
    };
  }

  private static String accuracy(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
