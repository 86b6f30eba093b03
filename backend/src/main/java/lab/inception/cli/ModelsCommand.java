package lab.inception.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.cost.CostReport;
import lab.inception.worker.model.ModelSpec;
import lab.inception.worker.model.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inception models}: every model with params and MACs at its reference input. */
@Command(
    name = "models",
    description = "Every model with its parameters and MACs at its reference input.")
final class ModelsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print a JSON array")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JsonArray all = new JsonArray();
    String fmt = "%-20s %-12s %14s %16s  %s%n";
    if (!json) {
      out.printf(fmt, "model", "input", "params", "MACs", "description");
    }
    for (String name : ModelZoo.names()) {
      ModelSpec s = ModelZoo.spec(name);
      CostReport r = CostAnalyzer.analyze(s.reference());
      var c = s.reference();
      String input = c.channels() + "×" + c.height() + "×" + c.width();
      if (json) {
        all.add(summary(s, r));
      } else {
        out.printf(
            fmt,
            name,
            input,
            Numbers.grouped(r.params()),
            Numbers.grouped(r.macs()),
            s.description());
      }
      out.flush();
    }
    if (json) {
      out.println(all.encode());
    }
    out.flush();
    return 0;
  }

  /** The JSON summary of one model at its reference configuration. */
  static JsonObject summary(ModelSpec s, CostReport r) {
    var c = s.reference();
    return new JsonObject()
        .put("name", s.name())
        .put("description", s.description())
        .put("paper", s.paper())
        .put("input", new JsonArray().add(c.channels()).add(c.height()).add(c.width()))
        .put("classes", c.classes())
        .put("params", r.params())
        .put("macs", r.macs())
        .put("singleBlock", s.singleBlock())
        .put("hasAux", s.hasAux())
        .put("takesBlock", s.takesBlockKind());
  }
}
