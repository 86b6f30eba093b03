package lab.inception.worker.train;

/**
 * Training produced a non-finite loss. Not retried: from the same checkpoint and seed it diverges
 * again, so the trial fails with its own kind ({@code diverged}) and exit status.
 */
public final class TrainingDiverged extends RuntimeException {
  public TrainingDiverged(String message) {
    super(message);
  }
}
