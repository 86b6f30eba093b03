package lab.inception.coordinator.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report as GitHub-flavoured Markdown. Charts are inline {@code data:} images named by their
 * title, so the text alone is the whole report; {@link #externalize} moves them into files.
 */
final class Markdown implements ReportWriter {
  private static final String DATA = "data:image/svg+xml;base64,";
  private static final Pattern IMAGE =
      Pattern.compile(
          "!\\[([^\\]]*)\\]\\("
              + Pattern.quote(DATA)
              + "([A-Za-z0-9+/=]+) \"([A-Za-z0-9_.-]+)\"\\)");
  private final StringBuilder b = new StringBuilder();

  @Override
  public void title(String text) {
    b.append("# ").append(text).append("\n\n");
  }

  @Override
  public void heading(String text) {
    b.append("## ").append(text).append("\n\n");
  }

  @Override
  public void paragraph(String text) {
    b.append(text).append("\n\n");
  }

  @Override
  public void code(String text) {
    b.append("```json\n").append(text.strip()).append("\n```\n\n");
  }

  @Override
  public void table(Table t) {
    row(t.header());
    b.append('|');
    for (int i = 0; i < t.header().size(); i++) b.append(" --- |");
    b.append('\n');
    for (List<String> r : t.rows()) row(r);
    b.append('\n');
  }

  private void row(List<String> cells) {
    b.append('|');
    for (String c : cells) b.append(' ').append(c.replace("|", "\\|")).append(" |");
    b.append('\n');
  }

  @Override
  public void chart(String name, String alt, String svg) {
    b.append("![")
        .append(alt.replace("]", ""))
        .append("](")
        .append(DATA)
        .append(Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)))
        .append(" \"")
        .append(name)
        .append(".svg\")\n\n");
  }

  @Override
  public String finish() {
    return b.toString();
  }

  /**
   * Moves a report's inline charts into files: each image becomes a link to {@code prefix +
   * name.svg}, and {@code files} maps those names to the SVG text.
   */
  static SweepReport.Externalized externalize(String markdown, String prefix) {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = IMAGE.matcher(markdown);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String file = prefix + m.group(3);
      files.put(file, new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8));
      m.appendReplacement(out, Matcher.quoteReplacement("![" + m.group(1) + "](" + file + ")"));
    }
    m.appendTail(out);
    return new SweepReport.Externalized(out.toString(), files);
  }
}
