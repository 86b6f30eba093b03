package lab.inception.worker.cost;

import lab.inception.worker.model.ModelConfig;

/**
 * The largest configurations the HTTP API analyses ({@code GET /api/models/{name}}): beyond them a
 * query is refused with the limit it passed, so that no request can hold a thread or overflow a
 * count. The command line ({@code inception flops}) has no such limits: a user's own process.
 */
public final class CostLimits {

  /** The largest width multiplier: four times the paper's channels. */
  public static final double MAX_WIDTH = 4.0;

  /** The most classes (ImageNet-21k has 21,841). */
  public static final int MAX_CLASSES = 100_000;

  /** The most input channels (a single block's reference input has 256). */
  public static final int MAX_CHANNELS = 2048;

  /** The largest input height or width, in pixels. */
  public static final int MAX_SIDE = 4096;

  private CostLimits() {}

  /**
   * Refuses a configuration beyond a limit.
   *
   * @throws IllegalArgumentException naming the limit
   */
  public static void check(ModelConfig c) {
    if (c.widthMultiplier() > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "width must be at most " + MAX_WIDTH + " (got " + c.widthMultiplier() + ")");
    }
    if (c.classes() > MAX_CLASSES) {
      throw new IllegalArgumentException(
          "classes must be at most " + MAX_CLASSES + " (got " + c.classes() + ")");
    }
    if (c.channels() > MAX_CHANNELS) {
      throw new IllegalArgumentException(
          "input channels must be at most " + MAX_CHANNELS + " (got " + c.channels() + ")");
    }
    if (c.height() > MAX_SIDE || c.width() > MAX_SIDE) {
      throw new IllegalArgumentException(
          "input height and width must be at most "
              + MAX_SIDE
              + " (got "
              + c.height()
              + "×"
              + c.width()
              + ")");
    }
  }
}
