package lab.inception.worker.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Builds mini-batches from an {@link ImageSet} by index copying, with the trial's augmentation
 * (random crop with zero padding, horizontal flip) applied while copying. Everything depends only
 * on (seed, epoch, batch index), so a resumed run sees exactly the batches an uninterrupted one
 * would. Batches are handed to the engine in channels-last memory layout (a N×C×H×W view of N×H×W×C
 * data), which PyTorch's CPU convolutions run markedly faster on.
 */
public final class Batcher {

  private final ImageSet set;
  private final int batchSize;
  private final boolean training;
  private final boolean augment;
  private final long seed;
  private final float[] padValue;
  private final int pad;
  private int permEpoch = -1;
  private int[] perm;

  /**
   * @param set the images
   * @param batchSize images per batch
   * @param training shuffle each epoch and drop the last partial batch
   * @param augment random crop with padding and horizontal flip (training only)
   * @param seed seed of shuffling and augmentation
   * @param padValue per-channel value of a black pixel after normalisation (crop padding)
   */
  public Batcher(
      ImageSet set, int batchSize, boolean training, boolean augment, long seed, float[] padValue) {
    if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be positive");
    this.set = set;
    this.batchSize = batchSize;
    this.training = training;
    this.augment = augment && training;
    this.seed = seed;
    this.padValue = padValue;
    this.pad = Math.max(1, set.height() / 8);
  }

  /** Batches per epoch. */
  public int batches() {
    if (set.size() == 0) return 0;
    if (training) return Math.max(1, set.size() / batchSize);
    return (set.size() + batchSize - 1) / batchSize;
  }

  /** One batch of host data: images (channels-last) and labels. */
  public record HostBatch(float[] pixels, int[] labels, int height, int width, int channels) {
    public int size() {
      return labels.length;
    }

    /** The batch as engine arrays: images N×C×H×W (channels-last memory) and int labels. */
    public NDList toNDList(NDManager manager, boolean channelsLast) {
      int n = size();
      NDArray x;
      if (channelsLast) {
        x = manager.create(FloatBuffer.wrap(pixels), new Shape(n, height, width, channels));
        x = x.transpose(0, 3, 1, 2);
      } else {
        float[] nchw = new float[pixels.length];
        int hw = height * width;
        for (int i = 0; i < n; i++) {
          int b = i * hw * channels;
          for (int p = 0; p < hw; p++) {
            for (int c = 0; c < channels; c++) nchw[b + c * hw + p] = pixels[b + p * channels + c];
          }
        }
        x = manager.create(FloatBuffer.wrap(nchw), new Shape(n, channels, height, width));
      }
      return new NDList(x, manager.create(labels));
    }
  }

  /** Batch {@code index} of {@code epoch}. */
  public HostBatch batch(int epoch, int index) {
    int from = index * batchSize;
    int n = Math.min(batchSize, set.size() - from);
    if (training && set.size() < batchSize) n = set.size();
    int[] order = order(epoch);
    int is = set.imageSize();
    float[] out = new float[n * is];
    int[] labels = new int[n];
    Random rnd = new Random(seed * 1_000_003L + epoch * 100_003L + index);
    for (int i = 0; i < n; i++) {
      int src = order == null ? from + i : order[from + i];
      labels[i] = set.labels()[src];
      if (augment) {
        copyAugmented(
            src,
            out,
            i * is,
            rnd.nextInt(2 * pad + 1) - pad,
            rnd.nextInt(2 * pad + 1) - pad,
            rnd.nextBoolean());
      } else {
        System.arraycopy(set.pixels(), src * is, out, i * is, is);
      }
    }
    return new HostBatch(out, labels, set.height(), set.width(), set.channels());
  }

  private int[] order(int epoch) {
    if (!training) return null;
    if (permEpoch != epoch) {
      perm = new int[set.size()];
      for (int i = 0; i < perm.length; i++) perm[i] = i;
      Random rnd = new Random(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
      for (int i = perm.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      permEpoch = epoch;
    }
    return perm;
  }

  private void copyAugmented(int src, float[] out, int dst, int dy, int dx, boolean flip) {
    int h = set.height();
    int w = set.width();
    int c = set.channels();
    float[] p = set.pixels();
    int base = src * set.imageSize();
    for (int y = 0; y < h; y++) {
      int sy = y + dy;
      for (int x = 0; x < w; x++) {
        int sx = (flip ? w - 1 - x : x) + dx;
        int o = dst + (y * w + x) * c;
        if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
          for (int k = 0; k < c; k++) out[o + k] = padValue[k];
        } else {
          System.arraycopy(p, base + (sy * w + sx) * c, out, o, c);
        }
      }
    }
  }
}
