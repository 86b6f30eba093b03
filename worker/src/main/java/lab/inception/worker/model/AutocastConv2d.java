package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** DJL's {@link Conv2d} that runs in bfloat16 inside a bf16 {@link Autocast} scope. */
final class AutocastConv2d extends Conv2d {

  /** This layer's bfloat16 kernel, looked up on first use. */
  private ScriptKernel kernel;

  AutocastConv2d(Conv2d.Builder builder) {
    super(builder);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (Autocast.current() != Precision.BF16) {
      return super.forwardInternal(ps, inputs, training, params);
    }
    NDArray x = inputs.singletonOrThrow();
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = includeBias ? ps.getValue(bias, x.getDevice(), training) : null;
    if (kernel == null) {
      kernel =
          Autocast.conv2d(
              includeBias, stride.getShape(), padding.getShape(), dilation.getShape(), groups);
    }
    return new NDList(kernel.apply(x, w, b));
  }
}
