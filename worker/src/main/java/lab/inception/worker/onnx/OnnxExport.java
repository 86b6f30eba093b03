package lab.inception.worker.onnx;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.PrintStream;
import java.nio.file.Path;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelZoo;
import lab.inception.worker.weights.InitFrom;

/**
 * Builds a network of the zoo in inference form (no aux heads), optionally loads saved weights
 * ({@link InitFrom}: a checkpoint, a torchvision state_dict, a safetensors file) and exports it
 * ({@link OnnxExporter}). What {@code inception export} and {@code GET /api/trials/{id}/model.onnx}
 * share.
 */
public final class OnnxExport {
  private OnnxExport() {}

  /**
   * @param initFrom weights to load, or null for a freshly initialised network
   * @throws IllegalArgumentException for a bad configuration or weights that do not fit, named
   */
  public static OnnxModel export(
      ModelConfig cfg, Path initFrom, boolean dynamicBatch, PrintStream log) {
    ModelConfig inference = cfg.withAux(false);
    Block net = ModelZoo.build(inference);
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(1, cfg.channels(), cfg.height(), cfg.width()));
      if (initFrom != null) InitFrom.load(net, cfg.model(), initFrom, false, log);
      return OnnxExporter.export(net, inference, dynamicBatch);
    }
  }
}
