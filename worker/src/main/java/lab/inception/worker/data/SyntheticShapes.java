package lab.inception.worker.data;

import java.util.List;
import java.util.Random;

/**
 * A built-in, seeded, instant dataset for demos and tests: 28×28 grayscale images of one shape on a
 * noisy background, drawn at a small, medium or large scale at a random position and intensity. The
 * class is the shape, never the scale, so a network must recognise it at several scales — the
 * multi-scale perception inception modules are built for.
 */
public final class SyntheticShapes {

  public static final int SIDE = 28;
  public static final List<String> CLASSES =
      List.of("disk", "square", "triangle", "plus", "ring", "diamond");

  /** Default sizes of the splits when the trial sets no limit. */
  public static final int TRAIN_SIZE = 6000;

  public static final int TEST_SIZE = 1200;

  private SyntheticShapes() {}

  /** {@code n} images generated from {@code seed}; classes in turn, so every class is balanced. */
  public static ImageSet generate(int n, long seed) {
    Random rnd = new Random(seed);
    float[] pixels = new float[n * SIDE * SIDE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int cls = i % CLASSES.size();
      labels[i] = cls;
      int scale = rnd.nextInt(3);
      double r = 3.5 + scale * 3.5 + rnd.nextDouble() * 2.0;
      double cx = r + rnd.nextDouble() * (SIDE - 1 - 2 * r);
      double cy = r + rnd.nextDouble() * (SIDE - 1 - 2 * r);
      float ink = 0.6f + 0.4f * rnd.nextFloat();
      int base = i * SIDE * SIDE;
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          float v = (float) (0.15 * rnd.nextGaussian() + 0.1);
          if (inside(cls, x - cx, y - cy, r)) v += ink;
          pixels[base + y * SIDE + x] = Math.min(1f, Math.max(0f, v));
        }
      }
    }
    return new ImageSet(pixels, labels, SIDE, SIDE, 1);
  }

  private static boolean inside(int cls, double dx, double dy, double r) {
    double ax = Math.abs(dx);
    double ay = Math.abs(dy);
    return switch (cls) {
      case 0 -> dx * dx + dy * dy <= r * r;
      case 1 -> ax <= 0.8 * r && ay <= 0.8 * r;
      case 2 -> dy >= -r && dy <= 0.8 * r && ax <= (dy + r) * 0.55;
      case 3 -> (ax <= r / 3 && ay <= r) || (ay <= r / 3 && ax <= r);
      case 4 -> {
        double d = Math.sqrt(dx * dx + dy * dy);
        yield d <= r && d >= 0.55 * r;
      }
      default -> ax + ay <= r;
    };
  }
}
