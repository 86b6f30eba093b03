package lab.inception.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.cost.CostReport;
import lab.inception.worker.cost.GraphExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inception graph}: the architecture as nodes and edges. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = "Architecture graph of one model: nodes (layers, merges) and edges.")
final class GraphCommand implements Callable<Integer> {
  @Mixin ModelOptions options;

  @Option(names = "--json", description = "print the graph as JSON (otherwise one line per node)")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CostReport r = CostAnalyzer.analyze(options.toConfig());
    JsonObject graph = new JsonObject(GraphExporter.export(r));
    graph.put("model", r.config().model());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(graph.encode());
    } else {
      JsonArray nodes = graph.getJsonArray("nodes");
      for (int i = 0; i < nodes.size(); i++) {
        JsonObject n = nodes.getJsonObject(i);
        out.printf(
            "%-48s %-22s %s%n",
            n.getString("id"), n.getString("label"), n.getJsonArray("outputShape").encode());
      }
      out.printf("%d nodes, %d edges%n", nodes.size(), graph.getJsonArray("edges").size());
    }
    out.flush();
    return 0;
  }
}
