package lab.inception.worker.data;

import java.util.Arrays;

/**
 * Labelled images held in memory as one float array in channels-last order (N×H×W×C), so that a
 * batch is built by copying contiguous rows and handed to the engine without a layout change.
 * Values are raw intensities in [0, 1] until {@link #normalized(float[], float[])} is applied.
 *
 * @param pixels N·H·W·C values, image after image, each H×W×C
 * @param labels N class indices
 * @param height image height
 * @param width image width
 * @param channels 1 (grayscale) or 3 (RGB)
 */
public record ImageSet(float[] pixels, int[] labels, int height, int width, int channels) {

  public ImageSet {
    if (pixels.length != (long) labels.length * height * width * channels) {
      throw new IllegalArgumentException(
          "image data holds "
              + pixels.length
              + " values, expected "
              + labels.length
              + "×"
              + height
              + "×"
              + width
              + "×"
              + channels);
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Values per image. */
  public int imageSize() {
    return height * width * channels;
  }

  /** The images at the given indices, in that order. */
  public ImageSet subset(int[] indices) {
    int is = imageSize();
    float[] p = new float[indices.length * is];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * is, p, i * is, is);
      l[i] = labels[indices[i]];
    }
    return new ImageSet(p, l, height, width, channels);
  }

  /** The first {@code n} images, or all when {@code n <= 0} or larger than the set. */
  public ImageSet first(int n) {
    if (n <= 0 || n >= size()) return this;
    return new ImageSet(
        Arrays.copyOf(pixels, n * imageSize()), Arrays.copyOf(labels, n), height, width, channels);
  }

  /** Per-channel mean and standard deviation over every pixel. */
  public float[][] channelStats() {
    double[] sum = new double[channels];
    double[] sq = new double[channels];
    for (int i = 0; i < pixels.length; i++) {
      double v = pixels[i];
      sum[i % channels] += v;
      sq[i % channels] += v * v;
    }
    long count = Math.max(1, pixels.length / channels);
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / count;
      mean[c] = (float) m;
      std[c] = (float) Math.max(1e-6, Math.sqrt(Math.max(0, sq[c] / count - m * m)));
    }
    return new float[][] {mean, std};
  }

  /** A copy with every channel normalised: (x − mean[c]) / std[c]. */
  public ImageSet normalized(float[] mean, float[] std) {
    float[] p = new float[pixels.length];
    for (int i = 0; i < p.length; i++) {
      int c = i % channels;
      p[i] = (pixels[i] - mean[c]) / std[c];
    }
    return new ImageSet(p, labels, height, width, channels);
  }

  /** A copy resized to {@code size}×{@code size} by bilinear interpolation (same set if equal). */
  public ImageSet resized(int size) {
    if (size <= 0 || (size == height && size == width)) return this;
    int n = size();
    float[] out = new float[n * size * size * channels];
    float sy = (float) height / size;
    float sx = (float) width / size;
    for (int i = 0; i < n; i++) {
      int src = i * imageSize();
      int dst = i * size * size * channels;
      for (int y = 0; y < size; y++) {
        float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
        int y0 = Math.min((int) fy, height - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        float wy = fy - y0;
        for (int x = 0; x < size; x++) {
          float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
          int x0 = Math.min((int) fx, width - 1);
          int x1 = Math.min(x0 + 1, width - 1);
          float wx = fx - x0;
          for (int c = 0; c < channels; c++) {
            float a = pixels[src + (y0 * width + x0) * channels + c];
            float b = pixels[src + (y0 * width + x1) * channels + c];
            float d = pixels[src + (y1 * width + x0) * channels + c];
            float e = pixels[src + (y1 * width + x1) * channels + c];
            float top = a + (b - a) * wx;
            float bottom = d + (e - d) * wx;
            out[dst + (y * size + x) * channels + c] = top + (bottom - top) * wy;
          }
        }
      }
    }
    return new ImageSet(out, labels, size, size, channels);
  }
}
