package lab.inception.worker.cost;

import java.util.List;

/**
 * One node of the analysed block tree: a layer (leaf) or a composite of layers.
 *
 * @param name the child name (stage, branch or layer)
 * @param kind {@code conv}, {@code linear}, {@code maxpool}, … for layers; {@code sequential},
 *     {@code module} (concatenating branches), {@code parallel} (other merges, e.g. residual),
 *     {@code network} for composites
 * @param label a human label, e.g. {@code conv 3×3/2 192 +BN}
 * @param outputShape output shape without the batch dimension
 * @param params trainable parameters (0 when the block was not initialised)
 * @param macs inference multiply-accumulates (conv and linear layers only)
 * @param children sub-nodes in data-flow order (branches of a module; stages of a sequence)
 * @param merge for {@code module}/{@code parallel}: how branch outputs are merged
 */
public record LayerNode(
    String name,
    String kind,
    String label,
    long[] outputShape,
    long params,
    long macs,
    List<LayerNode> children,
    String merge) {

  public boolean isLeaf() {
    return children.isEmpty();
  }

  public boolean isBranching() {
    return merge != null;
  }
}
