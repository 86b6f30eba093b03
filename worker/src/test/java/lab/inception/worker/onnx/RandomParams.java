package lab.inception.worker.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Gives a block's batch-norm and bias tensors seeded, non-trivial values: freshly initialised they
 * are 0 and 1, and a BN with mean 0, variance 1, γ 1, β 0 would hide a mix-up of its tensors.
 */
final class RandomParams {
  private RandomParams() {}

  static void perturb(Block block, NDManager m) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      NDArray v =
          switch (p.getValue().getType()) {
            case GAMMA, RUNNING_VAR -> m.randomUniform(0.5f, 1.5f, a.getShape());
            case BETA, RUNNING_MEAN, BIAS -> m.randomUniform(-0.2f, 0.2f, a.getShape());
            default -> null;
          };
      if (v != null) a.set(v.toFloatArray());
    }
  }
}
