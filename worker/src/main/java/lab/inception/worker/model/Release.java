package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Lets go of intermediate results as soon as the next layer has consumed them. DJL keeps every
 * array of a forward pass until its manager closes (the end of the training step), so the memory of
 * a layer's output is not freed during the backward pass as PyTorch frees it; autograd holds its
 * own references to what it needs, so closing our handle early is safe and lets libtorch reuse the
 * memory within the step (fewer page faults, smaller peak).
 */
final class Release {

  private Release() {}

  /** Closes the arrays of {@code consumed} that are not also in one of {@code kept}. */
  static void consumed(NDList consumed, NDList... kept) {
    for (NDArray a : consumed) {
      if (!in(a, kept)) a.close();
    }
  }

  private static boolean in(NDArray a, NDList... lists) {
    for (NDList l : lists) {
      for (NDArray b : l) {
        if (a == b) return true;
      }
    }
    return false;
  }
}
