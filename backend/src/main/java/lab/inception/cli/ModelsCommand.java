package lab.inception.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lab.inception.worker.cost.ModelSummary;
import lab.inception.worker.model.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inception models}: every model with params and MACs at its reference input. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
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
      ModelSummary m = ModelSummary.of(name);
      if (json) {
        all.add(new JsonObject(m.toMap()));
      } else {
        out.printf(
            fmt,
            name,
            m.input(),
            Numbers.grouped(m.cost().params()),
            Numbers.grouped(m.cost().macs()),
            m.spec().description());
      }
      out.flush();
    }
    if (json) {
      out.println(all.encode());
    }
    out.flush();
    return 0;
  }
}
