package lab.inception.worker.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small generated data files in the real formats. */
final class Fixtures {

  private Fixtures() {}

  static byte[] idxImages(int n, int h, int w) {
    byte[] b = new byte[16 + n * h * w];
    b[2] = 0x08;
    b[3] = 3;
    putInt(b, 4, n);
    putInt(b, 8, h);
    putInt(b, 12, w);
    for (int i = 0; i < n * h * w; i++) b[16 + i] = (byte) ((i * 7 + i / (h * w)) % 256);
    return b;
  }

  static byte[] idxLabels(int n) {
    byte[] b = new byte[8 + n];
    b[2] = 0x08;
    b[3] = 1;
    putInt(b, 4, n);
    for (int i = 0; i < n; i++) b[8 + i] = (byte) (i % 10);
    return b;
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** Writes the four Fashion-MNIST files (train 40, test 20 images of 28×28), gzip or raw. */
  static void writeFashion(Path dir, boolean gz) throws IOException {
    Files.createDirectories(dir);
    write(dir, FashionMnist.TRAIN_IMAGES, idxImages(40, 28, 28), gz);
    write(dir, FashionMnist.TRAIN_LABELS, idxLabels(40), gz);
    write(dir, FashionMnist.TEST_IMAGES, idxImages(20, 28, 28), gz);
    write(dir, FashionMnist.TEST_LABELS, idxLabels(20), gz);
  }

  static void write(Path dir, String base, byte[] data, boolean gz) throws IOException {
    Files.write(dir.resolve(gz ? base + ".gz" : base), gz ? gzip(data) : data);
  }

  /** CIFAR-10 binary records: label byte then R, G, B planes of 32×32. */
  static byte[] cifarRecords(int n, int firstLabel) {
    byte[] b = new byte[n * 3073];
    for (int r = 0; r < n; r++) {
      b[r * 3073] = (byte) ((firstLabel + r) % 10);
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < 1024; p++) b[r * 3073 + 1 + c * 1024 + p] = (byte) (c * 80 + r);
      }
    }
    return b;
  }

  private static void putInt(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 24);
    b[o + 1] = (byte) (v >>> 16);
    b[o + 2] = (byte) (v >>> 8);
    b[o + 3] = (byte) v;
  }
}
