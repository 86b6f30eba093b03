package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's {@link Linear} that computes in bfloat16 inside a bf16 {@link Autocast} scope; its output
 * is fp32 either way (the logits the loss reads).
 */
final class AutocastLinear extends Linear {

  /** This layer's bfloat16 kernel, looked up on first use. */
  private ScriptKernel kernel;

  AutocastLinear(Linear.Builder builder) {
    super(builder);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (Autocast.current() != Precision.BF16) {
      return super.forwardInternal(ps, inputs, training, params);
    }
    NDArray x = inputs.singletonOrThrow();
    // DJL's Linear keeps its parameters private; its direct ones, without the tree walk
    ParameterList direct = getDirectParameters();
    NDArray w = ps.getValue(direct.get("weight"), x.getDevice(), training);
    Parameter bias = direct.get("bias");
    NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
    if (kernel == null) kernel = Autocast.linear(bias != null);
    return new NDList(kernel.apply(x, w, b));
  }
}
