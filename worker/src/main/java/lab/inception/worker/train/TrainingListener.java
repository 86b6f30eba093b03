package lab.inception.worker.train;

import java.nio.file.Path;

/**
 * Receives a training's progress: every optimizer step, every epoch, every checkpoint. Returning
 * {@link Action#STOP} ends the training after the current step (early stopping, cancellation); the
 * runner then still evaluates on the test split and reports a result.
 */
public interface TrainingListener {

  /** Whether training goes on. */
  enum Action {
    CONTINUE,
    STOP
  }

  /** Once, before the first step, with the network's size. */
  default void onStart(long params, long macs, int firstEpoch, long totalSteps) {}

  default Action onStep(StepMetrics step) {
    return Action.CONTINUE;
  }

  default Action onEpoch(EpochMetrics epoch) {
    return Action.CONTINUE;
  }

  default void onCheckpoint(int epoch, Path dir) {}

  /**
   * One optimizer step.
   *
   * @param step global step number, 1-based, counted from the start of training (a resumed run
   *     continues the count)
   * @param epoch 1-based epoch
   * @param batch 1-based batch of the epoch
   * @param batches batches per epoch
   * @param loss the main head's loss of the batch (metric {@code train_loss})
   * @param auxLoss Σ CE(aux_i) of the batch, unweighted, NaN without aux heads ({@code aux_loss})
   * @param totalLoss what is optimised: loss + auxWeight · auxLoss ({@code train_total_loss})
   * @param lr learning rate used
   * @param imagesPerSec training throughput of this step
   */
  record StepMetrics(
      long step,
      int epoch,
      int batch,
      int batches,
      double loss,
      double auxLoss,
      double totalLoss,
      double lr,
      double imagesPerSec) {}

  /**
   * One finished epoch.
   *
   * @param step global step at the end of the epoch
   * @param trainLoss mean main-head training loss over the epoch
   * @param trainAuxLoss mean Σ CE(aux_i), NaN without aux heads
   * @param trainTotalLoss mean optimised loss over the epoch
   * @param valLoss validation loss of the main head (NaN without a validation split)
   * @param valAccuracy validation top-1 accuracy in [0, 1]
   * @param valTop5 validation top-5 accuracy in [0, 1]
   * @param imagesPerSec mean training throughput of the epoch
   * @param seconds wall time of the epoch (training and validation)
   */
  record EpochMetrics(
      int epoch,
      int epochs,
      long step,
      double trainLoss,
      double trainAuxLoss,
      double trainTotalLoss,
      double valLoss,
      double valAccuracy,
      double valTop5,
      double imagesPerSec,
      double seconds) {}
}
