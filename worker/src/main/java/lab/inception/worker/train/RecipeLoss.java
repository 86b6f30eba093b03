package lab.inception.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import lab.inception.worker.model.Scalars;

/**
 * The Inception training loss: CE(main) + auxWeight · Σ CE(aux_i), each cross-entropy against
 * label-smoothed targets (1−ε)·one-hot + ε/K over all K classes (Szegedy et al., "Rethinking the
 * Inception Architecture", Section 7; the same as PyTorch's {@code label_smoothing}).
 */
public final class RecipeLoss extends Loss {

  private final double auxWeight;
  private final double smoothing;

  public RecipeLoss(double auxWeight, double smoothing) {
    super("InceptionLoss");
    if (auxWeight < 0)
      throw new IllegalArgumentException("auxWeight must be ≥ 0 (got " + auxWeight + ")");
    if (smoothing < 0 || smoothing >= 1) {
      throw new IllegalArgumentException(
          "labelSmoothing must be in [0, 1) (got " + smoothing + ")");
    }
    this.auxWeight = auxWeight;
    this.smoothing = smoothing;
  }

  /** Mean over the batch of the smoothed cross-entropy of {@code logits} (N×K) for int labels. */
  public static NDArray crossEntropy(NDArray logits, NDArray labels, double smoothing) {
    long k = logits.getShape().get(1);
    NDArray logp = logits.logSoftmax(1);
    NDArray target =
        labels.oneHot((int) k).mul((float) (1 - smoothing)).add((float) (smoothing / k));
    return logp.mul(target).sum(new int[] {1}).mean().neg();
  }

  /** The parts of one evaluation of the loss. */
  public record Parts(NDArray total, NDArray main, NDArray aux) {}

  /**
   * The loss of a forward pass: predictions (main, aux1, aux2, …) as a network returns them in
   * training; {@code aux} is Σ CE(aux_i) unweighted (null when there is no aux output).
   */
  public Parts evaluate(NDList predictions, NDArray labels) {
    NDArray main = crossEntropy(predictions.get(0), labels, smoothing);
    if (predictions.size() == 1) return new Parts(main, main, null);
    NDArray aux = null;
    for (int i = 1; i < predictions.size(); i++) {
      NDArray ce = crossEntropy(predictions.get(i), labels, smoothing);
      aux = aux == null ? ce : aux.add(ce);
    }
    return new Parts(
        auxWeight == 0 ? main : main.add(Scalars.times(aux, (float) auxWeight)), main, aux);
  }

  /** DJL's loss contract: labels (int classes) and predictions (main, aux…) to the total loss. */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return evaluate(predictions, labels.singletonOrThrow()).total();
  }
}
