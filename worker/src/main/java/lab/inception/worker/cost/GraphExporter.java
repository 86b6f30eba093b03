package lab.inception.worker.cost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The architecture graph of an analysed model: one node per layer (a conv with its BN and ReLU is
 * one layer), a node per concatenation or residual merge, and data-flow edges — what the course
 * notebook exported to ONNX to view in Netron. Nodes carry shape, params, MACs and their share of
 * the network's MACs, so a viewer can colour by cost.
 */
public final class GraphExporter {
  private final List<Map<String, Object>> nodes = new ArrayList<>();
  private final List<Map<String, Object>> edges = new ArrayList<>();
  private final Map<String, String> stageOutputs = new HashMap<>();
  private final long totalMacs;

  private GraphExporter(long totalMacs) {
    this.totalMacs = totalMacs;
  }

  /** {@code {"nodes": [...], "edges": [...]}} for a report. */
  public static Map<String, Object> export(CostReport report) {
    GraphExporter g = new GraphExporter(report.macs());
    var cfg = report.config();
    Map<String, Object> input =
        g.node(
            "input",
            "input",
            "input",
            "input",
            CostReport.list(new long[] {cfg.channels(), cfg.height(), cfg.width()}),
            0,
            0,
            "input",
            false);
    g.nodes.add(input);
    LayerNode root = report.root();
    List<String> in = List.of("input");
    if (root.kind().equals("network")) {
      for (LayerNode stage : root.children()) {
        in = g.emit(stage, stage.name(), in, stage.name(), false);
        g.stageOutputs.put(stage.name(), in.get(0));
      }
    } else {
      g.emit(root, root.name(), in, root.name(), false);
    }
    for (AuxHead aux : report.aux()) {
      g.emit(
          aux.node(),
          aux.node().name(),
          List.of(g.stageOutputs.get(aux.tap())),
          aux.node().name(),
          true);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nodes", g.nodes);
    m.put("edges", g.edges);
    return m;
  }

  private List<String> emit(
      LayerNode n, String path, List<String> inputs, String group, boolean aux) {
    if (n.isLeaf()) {
      nodes.add(
          node(
              path,
              n.name(),
              n.kind(),
              n.label(),
              CostReport.list(n.outputShape()),
              n.params(),
              n.macs(),
              group,
              aux));
      link(inputs, path);
      return List.of(path);
    }
    if (n.isBranching()) {
      List<String> outs = new ArrayList<>();
      for (LayerNode branch : n.children()) {
        outs.addAll(emit(branch, path + "/" + branch.name(), inputs, group, aux));
      }
      String id = path + "/" + (n.merge().equals("concat") ? "concat" : "add");
      String kind = n.merge().equals("concat") ? "concat" : "add";
      nodes.add(node(id, kind, kind, kind, CostReport.list(n.outputShape()), 0, 0, group, aux));
      link(outs, id);
      return List.of(id);
    }
    List<String> cur = inputs;
    for (LayerNode child : n.children()) {
      cur = emit(child, path + "/" + child.name(), cur, group, aux);
    }
    return cur;
  }

  private void link(List<String> from, String to) {
    for (String f : from) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("from", f);
      e.put("to", to);
      edges.add(e);
    }
  }

  private Map<String, Object> node(
      String id,
      String name,
      String kind,
      String label,
      List<Long> shape,
      long params,
      long macs,
      String group,
      boolean aux) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("kind", kind);
    m.put("label", label);
    m.put("outputShape", shape);
    m.put("params", params);
    m.put("macs", macs);
    m.put("share", CostReport.share(macs, totalMacs));
    m.put("group", group);
    m.put("aux", aux);
    return m;
  }
}
