package lab.inception.worker.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.model.ModelConfig;

/**
 * The cost of one configured model: totals, the cost of the auxiliary heads apart, and one entry
 * per stage (per inception module, with its branches). {@link #toMap()} is the {@code flops --json}
 * object of INTERFACE.md.
 *
 * @param config the configuration analysed
 * @param params trainable parameters of the network as configured (aux heads included when built)
 * @param macs inference MACs (aux heads excluded)
 * @param auxParams trainable parameters of the aux heads
 * @param auxMacs training-only MACs of the aux heads
 * @param outputShape the network's output shape ([classes], or [C, H, W] for a single block)
 * @param root the analysed tree (stages of a network, or the single module)
 * @param aux the analysed aux heads, with the stage each reads
 */
public record CostReport(
    ModelConfig config,
    long params,
    long macs,
    long auxParams,
    long auxMacs,
    long[] outputShape,
    LayerNode root,
    List<AuxHead> aux) {

  /** The stages reported as blocks: a network's trunk stages and head, or the single module. */
  public List<LayerNode> blocks() {
    return root.kind().equals("network") ? root.children() : List.of(root);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", config.model());
    m.put("input", List.of(config.channels(), config.height(), config.width()));
    m.put("classes", config.classes());
    m.put("aux", config.aux());
    m.put("width", config.widthMultiplier());
    m.put("stem", config.stem().label());
    m.put("block", config.block().label());
    m.put("params", params);
    m.put("macs", macs);
    m.put("auxParams", auxParams);
    m.put("auxMacs", auxMacs);
    m.put("outputShape", list(outputShape));
    List<Map<String, Object>> blocks = new ArrayList<>();
    for (LayerNode b : blocks()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", b.name());
      e.put("kind", b.kind());
      e.put("outputShape", list(b.outputShape()));
      e.put("params", b.params());
      e.put("macs", b.macs());
      e.put("share", share(b.macs(), macs));
      if (b.isBranching()) {
        List<Map<String, Object>> branches = new ArrayList<>();
        for (LayerNode br : b.children()) {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("name", br.name());
          x.put("params", br.params());
          x.put("macs", br.macs());
          x.put("share", share(br.macs(), b.macs()));
          branches.add(x);
        }
        e.put("branches", branches);
      }
      blocks.add(e);
    }
    m.put("blocks", blocks);
    return m;
  }

  static double share(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }

  static List<Long> list(long[] a) {
    List<Long> l = new ArrayList<>(a.length);
    for (long v : a) {
      l.add(v);
    }
    return l;
  }
}
