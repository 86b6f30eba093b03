package lab.inception.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.inception.coordinator.report.SweepReport;
import lab.inception.coordinator.report.SweepReport.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sweep report ID [--format md|html] [--out DIR] [--group-by PARAMS]}: the server renders
 * the report ({@code GET /api/sweeps/{id}/report}); without {@code --out} it goes to stdout
 * (Markdown with its charts inline), with {@code --out} into {@code DIR/ID.md} and its charts into
 * {@code DIR/ID-*.svg} (or the one self-contained {@code DIR/ID.html}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "A self-contained report of one sweep: configuration, results table, groups, Pareto front,"
            + " curves.")
final class SweepReportCommand implements Callable<Integer> {
  @ParentCommand SweepCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID")
  String id;

  @Option(names = "--format", defaultValue = "md", description = "md (default) or html")
  String format;

  @Option(names = "--out", paramLabel = "DIR", description = "write files into DIR (else stdout)")
  Path out;

  @Option(
      names = "--group-by",
      paramLabel = "PARAMS",
      description =
          "the parameters to group by, comma-separated: one row per combination of their values"
              + " (model,block,labelSmoothing); all-but:P,... groups by every parameter that"
              + " varies but those (all-but:seed: one row per configuration, the accuracy's mean"
              + " and spread over the seeds); default: the first parameter that varies")
  String groupBy;

  @Override
  public Integer call() throws Exception {
    Format f = Format.parse(format);
    ApiClient c = parent.client();
    String path =
        "/api/sweeps/"
            + encode(id)
            + "/report?format="
            + f.extension()
            + (groupBy == null ? "" : "&groupBy=" + encode(groupBy));
    String text;
    try {
      text = c.getText(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (server " + c.server() + ")");
    }
    if (out == null) {
      PrintWriter w = spec.commandLine().getOut();
      w.print(text);
      w.flush();
      return 0;
    }
    Files.createDirectories(out);
    if (f == Format.MD) {
      SweepReport.Externalized md = SweepReport.externalize(text, name() + "-");
      for (Map.Entry<String, String> e : md.files().entrySet()) write(e.getKey(), e.getValue());
      text = md.markdown();
    }
    Path report = write(name() + "." + f.extension(), text);
    System.err.println("wrote " + report);
    return 0;
  }

  /** The sweep id as a file name. */
  private String name() {
    return id.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private Path write(String name, String text) throws IOException {
    Path p = out.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
