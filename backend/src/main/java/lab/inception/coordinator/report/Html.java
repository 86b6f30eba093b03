package lab.inception.coordinator.report;

import java.util.List;

/** A report as one HTML page: inline CSS and SVG, no script and no external reference. */
final class Html implements ReportWriter {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}"
          + "table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}"
          + "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;white-space:nowrap}"
          + "td.n{text-align:right;font-variant-numeric:tabular-nums}"
          + "pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}"
          + "figure{margin:8px 0 16px}";
  private final StringBuilder b = new StringBuilder();
  private String title = "";

  @Override
  public void title(String text) {
    title = text;
    b.append("<h1>").append(escape(text)).append("</h1>\n");
  }

  @Override
  public void heading(String text) {
    b.append("<h2>").append(escape(text)).append("</h2>\n");
  }

  @Override
  public void paragraph(String text) {
    b.append("<p>").append(escape(text)).append("</p>\n");
  }

  @Override
  public void code(String text) {
    b.append("<pre>").append(escape(text.strip())).append("</pre>\n");
  }

  @Override
  public void table(Table t) {
    b.append("<table>\n<thead><tr>");
    for (String h : t.header()) b.append("<th>").append(escape(h)).append("</th>");
    b.append("</tr></thead>\n<tbody>\n");
    for (List<String> r : t.rows()) {
      b.append("<tr>");
      for (String c : r)
        b.append(numeric(c) ? "<td class=\"n\">" : "<td>").append(escape(c)).append("</td>");
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private static boolean numeric(String c) {
    return c.matches("[-+]?[0-9][0-9,.]*([–-][0-9][0-9,.]*)?");
  }

  @Override
  public void chart(String name, String alt, String svg) {
    b.append("<figure id=\"").append(escape(name)).append("\" aria-label=\"").append(escape(alt));
    b.append("\">\n").append(svg).append("</figure>\n");
  }

  @Override
  public String finish() {
    return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + escape(title)
        + "</title>\n<style>"
        + STYLE
        + "</style>\n</head>\n<body>\n"
        + b
        + "</body>\n</html>\n";
  }

  /** Text for HTML and SVG content and attributes. */
  static String escape(String s) {
    StringBuilder o = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> o.append("&amp;");
        case '<' -> o.append("&lt;");
        case '>' -> o.append("&gt;");
        case '"' -> o.append("&quot;");
        default -> o.append(c);
      }
    }
    return o.toString();
  }
}
