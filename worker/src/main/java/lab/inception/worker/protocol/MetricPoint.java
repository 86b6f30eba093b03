package lab.inception.worker.protocol;

/**
 * One point of a trial's curve (INTERFACE.md's metric point plus its trial).
 *
 * @param trial the trial's id
 * @param name e.g. {@code train_loss}, {@code val_accuracy}
 * @param step the global optimizer step
 * @param epoch the epoch (1-based) the point belongs to
 * @param value the value
 * @param attempt the attempt that produced it
 * @param time when the trial process measured it, in epoch milliseconds (written out by {@link
 *     IsoTime})
 */
public record MetricPoint(
    String trial, String name, long step, int epoch, double value, int attempt, long time) {}
