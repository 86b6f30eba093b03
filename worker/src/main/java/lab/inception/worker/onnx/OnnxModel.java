package lab.inception.worker.onnx;

/**
 * An exported network.
 *
 * @param bytes the serialised ONNX {@code ModelProto}
 * @param nodes how many nodes the graph has
 * @param parameters how many float values its initializers hold (BN statistics included)
 * @param inputShape N×C×H×W of {@link OnnxExporter#INPUT} (-1: the dynamic batch)
 * @param outputShape the output's shape (-1: the dynamic batch)
 * @param outputName {@link OnnxExporter#LOGITS} for a network, {@link OnnxExporter#FEATURES} for a
 *     single block
 */
public record OnnxModel(
    byte[] bytes,
    int nodes,
    long parameters,
    long[] inputShape,
    long[] outputShape,
    String outputName) {}
