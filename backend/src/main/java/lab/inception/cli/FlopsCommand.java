package lab.inception.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.cost.CostReport;
import lab.inception.worker.cost.LayerNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inception flops}: the cost table of one model, per module and per branch. */
@Command(
    name = "flops",
    mixinStandardHelpOptions = true,
    description = "Cost table of one model: output shape, params, MACs per block and branch.")
final class FlopsCommand implements Callable<Integer> {
  @Mixin ModelOptions options;

  @Option(names = "--json", description = "print the flops JSON object")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CostReport r = CostAnalyzer.analyze(options.toConfig());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new JsonObject(r.toMap()).encode());
    } else {
      print(r, out);
    }
    out.flush();
    return 0;
  }

  static void print(CostReport r, PrintWriter out) {
    var c = r.config();
    out.printf(
        "%s  input %d×%d×%d  classes %d  width %s  stem %s  block %s  aux %s%n%n",
        c.model(),
        c.channels(),
        c.height(),
        c.width(),
        c.classes(),
        c.widthMultiplier(),
        c.stem().label(),
        c.block().label(),
        c.aux() ? "on" : "off");
    String fmt = "%-22s %-14s %14s %16s %8s%n";
    out.printf(fmt, "block", "output", "params", "MACs", "share");
    for (LayerNode b : r.blocks()) {
      out.printf(
          fmt,
          b.name(),
          Numbers.shape(b.outputShape()),
          Numbers.grouped(b.params()),
          Numbers.grouped(b.macs()),
          Numbers.percent(share(b.macs(), r.macs())));
      if (b.isBranching()) {
        for (LayerNode br : b.children()) {
          out.printf(
              fmt,
              "  └ " + br.name(),
              "",
              Numbers.grouped(br.params()),
              Numbers.grouped(br.macs()),
              Numbers.percent(share(br.macs(), b.macs())));
        }
      }
    }
    out.println();
    out.printf("params  %s (%s)%n", Numbers.grouped(r.params()), Numbers.human(r.params()));
    out.printf("MACs    %s (%s)%n", Numbers.grouped(r.macs()), Numbers.human(r.macs()));
    if (c.aux()) {
      out.printf(
          "aux     %s params, %s MACs (training only; included in params above)%n",
          Numbers.grouped(r.auxParams()), Numbers.grouped(r.auxMacs()));
    }
    out.println("(branch shares are of their module's MACs; block shares of the total)");
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
