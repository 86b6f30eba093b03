package lab.inception.coordinator.store;

import io.vertx.core.json.JsonObject;

/**
 * Receives the stored state row by row ({@link Store#restoreInto}), on the store's thread: every
 * sweep row (oldest first), then every trial document (by sweep and index), then every rung. No row
 * is held after it is handed over, so a restart over a large store keeps only what the receiver
 * builds from it.
 */
public interface RestoreSink {
  void sweep(JsonObject row);

  void trial(JsonObject doc);

  /** After the last trial document, before the first rung. */
  void trialsDone();

  void rung(String sweep, String trial, int rung, double value);
}
