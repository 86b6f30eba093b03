package lab.inception.worker.weights;

/**
 * A weights file that cannot be used: truncated, of a foreign format, or holding other tensors than
 * the network's. An {@link IllegalArgumentException}, so the CLI answers exit status 2.
 */
public final class BadWeightsException extends IllegalArgumentException {
  public BadWeightsException(String message) {
    super(message);
  }
}
