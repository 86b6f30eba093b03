package lab.inception.worker.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How to build one network of the zoo: which model, for which input and class count, with or
 * without auxiliary heads, at which width, with which stem and (GoogLeNet family) which block.
 *
 * @param model a name of {@link ModelZoo#names()}
 * @param channels input channels (3 for RGB, 1 for grayscale)
 * @param height input height in pixels
 * @param width input width in pixels
 * @param classes number of output classes
 * @param aux whether the auxiliary classifiers are built (they run only in training)
 * @param widthMultiplier multiplies every channel count (1.0 is the paper's network)
 * @param stem {@code imagenet} (the paper's down-sampling stem) or {@code small} (for 28–32 px)
 * @param block {@code reduced} (1×1 reductions, the paper's), {@code naive} or {@code
 *     naive-projected} (GoogLeNet family)
 */
public record ModelConfig(
    String model,
    int channels,
    int height,
    int width,
    int classes,
    boolean aux,
    double widthMultiplier,
    Stem stem,
    BlockKind block) {

  /** The stem of a network: the paper's or one without early down-sampling for small images. */
  public enum Stem {
    IMAGENET,
    SMALL;

    public static Stem parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The inception module of the GoogLeNet family (Szegedy et al. 2014, Figure 2): {@code reduced}
   * (2b: 1×1 reductions before the 3×3 and 5×5, 1×1 projection after the pool), {@code naive} (2a:
   * the convolutions on the module's input, the pool passed through) or {@code naive-projected}
   * (2a's convolutions, 2b's pool projection: the reduced module's output shape, without the two
   * 1×1 reductions).
   */
  public enum BlockKind {
    REDUCED,
    NAIVE,
    NAIVE_PROJECTED;

    /** The kind of a label such as {@code naive-projected} (case and {@code -}/{@code _} free). */
    public static BlockKind parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The public name: {@code reduced}, {@code naive}, {@code naive-projected}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
      return Arrays.stream(values()).map(BlockKind::label).toList();
    }

    /** The one-line reason a label is refused, naming the known ones. */
    public static String unknown(String s) {
      return "unknown block '" + s + "'; known: " + String.join(", ", labels());
    }
  }

  /** Scales a channel count by the width multiplier, never below 1. */
  public int scale(int channels) {
    return Math.max(1, (int) Math.round(channels * widthMultiplier));
  }

  public ModelConfig withInput(int c, int h, int w) {
    return new ModelConfig(model, c, h, w, classes, aux, widthMultiplier, stem, block);
  }

  public ModelConfig withClasses(int n) {
    return new ModelConfig(model, channels, height, width, n, aux, widthMultiplier, stem, block);
  }

  public ModelConfig withAux(boolean a) {
    return new ModelConfig(
        model, channels, height, width, classes, a, widthMultiplier, stem, block);
  }
}
