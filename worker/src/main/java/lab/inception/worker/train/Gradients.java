package lab.inception.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import java.util.List;
import lab.inception.worker.model.ScriptKernel;

/**
 * The gradients of a loss with respect to the trainable parameters, as {@code torch.autograd.grad}
 * computes them: fresh arrays, one per parameter, and nothing accumulated into the parameters' own
 * {@code .grad}. That is what PyTorch's {@code zero_grad(set_to_none=True)} then {@code backward()}
 * costs: DJL's {@code GradientCollector.backward} instead adds each step's gradient into one kept
 * from the last step, which must then be zeroed: an add and a {@code zero_} per parameter per step
 * (on Inception-v3, 284 {@code AccumulateGrad} adds and 77 {@code zero_} calls a step, gone).
 */
final class Gradients {

  // autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
  // allow_unused=True); a parameter the loss does not reach gets zeros, as an accumulated
  // gradient would have been after its reset.
  private static final String KERNEL =
      """
          def grad(self: __torch__.Kernel,
              loss: Tensor,
              ws: List[Tensor]) -> List[Tensor]:
            gs = torch.autograd.grad([loss], ws, None, None, False, True)
            out = annotate(List[Tensor], [])
            for i in range(torch.len(ws)):
              g = gs[i]
              if torch.__is__(g, None):
                _0 = torch.append(out, torch.zeros_like(ws[i]))
              else:
                _1 = torch.append(out, unchecked_cast(Tensor, g))
            return out
          """;

  private Gradients() {}

  /**
   * d loss / d p for every parameter, in order, attached to {@code into}; frees the loss's graph.
   */
  static NDList of(NDArray loss, List<Parameter> parameters, NDManager into) {
    PtNDArray[] ws = new PtNDArray[parameters.size()];
    for (int i = 0; i < ws.length; i++) ws[i] = (PtNDArray) parameters.get(i).getArray();
    return ScriptKernel.of(KERNEL)
        .call("grad", into, IValue.from((PtNDArray) loss), IValue.listFrom(ws));
  }
}
