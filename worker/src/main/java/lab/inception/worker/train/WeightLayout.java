package lab.inception.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import java.util.List;
import lab.inception.worker.model.ScriptKernel;

/**
 * Convolution weights stored channels-last, as PyTorch's {@code
 * model.to(memory_format=torch.channels_last)} stores them. A channels-last convolution otherwise
 * converts its NCHW weight on every forward and backward pass and its weight gradient back (on
 * Inception-v3, 212 {@code copy_} calls a step). DJL has no call that changes an array's strides
 * ({@code Parameter.setArray} refuses an initialised parameter, loading weights writes NCHW), so
 * the arrays are re-laid in place by a {@link ScriptKernel} ({@code Tensor.set_} onto a
 * channels-last copy): the parameter keeps its identity, its values and its gradient's place in
 * autograd, and libtorch's gradient-layout rule then makes its gradient channels-last too.
 */
final class WeightLayout {

  // memory_format 2 is torch.channels_last (c10's MemoryFormat numbering).
  private static final String KERNEL =
      """
          def channels_last(self: __torch__.Kernel,
              x: Tensor) -> bool:
            if torch.is_contiguous(x, memory_format=2):
              return False
            _0 = torch.set_(x, torch.contiguous(x, memory_format=2))
            return True
          def is_channels_last(self: __torch__.Kernel,
              x: Tensor) -> bool:
            return torch.is_contiguous(x, memory_format=2)
          """;

  private WeightLayout() {}

  /** Lays every 4-D parameter (and its gradient, if it has one) out channels-last. */
  static void channelsLast(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      NDArray w = p.getArray();
      if (w.getShape().dimension() != 4) continue;
      channelsLast(w);
      if (w.hasGradient()) {
        try (NDArray g = w.getGradient()) {
          channelsLast(g);
        }
      }
    }
  }

  /** Lays {@code x} (4-D) out channels-last in place; whether its strides changed. */
  static boolean channelsLast(NDArray x) {
    return ScriptKernel.of(KERNEL).run("channels_last", IValue.from((PtNDArray) x));
  }

  /** Lays {@code x} out as {@code like} is: channels-last if that is (4-D arrays). */
  static void match(NDArray x, NDArray like) {
    if (x.getShape().dimension() == 4 && isChannelsLast(like)) channelsLast(x);
  }

  /** Whether {@code x} is stored channels-last (a 4-D array whose channel stride is 1). */
  static boolean isChannelsLast(NDArray x) {
    return ScriptKernel.of(KERNEL).run("is_channels_last", IValue.from((PtNDArray) x));
  }
}
