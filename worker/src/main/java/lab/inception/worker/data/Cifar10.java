package lab.inception.worker.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 (Krizhevsky, 2009), binary version: {@code data_batch_1.bin} … {@code data_batch_5.bin}
 * and {@code test_batch.bin}, each a sequence of records of one label byte and 3×32×32 pixel bytes
 * (the red plane, then green, then blue).
 */
public final class Cifar10 {

  public static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
  public static final float[] STD = {0.2470f, 0.2435f, 0.2616f};
  public static final List<String> CLASSES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  /** Side of the square images. */
  public static final int SIDE = 32;

  /** Images in the five training batches and the test batch. */
  public static final int TRAIN_SIZE = 50_000;

  public static final int TEST_SIZE = 10_000;

  private static final int RECORD = 1 + 3 * SIDE * SIDE;

  private final Path dataDir;
  private final Path cacheDir;

  /**
   * @param dataDir the user's {@code --data-dir}, or null
   * @param cacheDir the per-user data directory (normally {@code ~/.inception/data/cifar10})
   */
  public Cifar10(Path dataDir, Path cacheDir) {
    this.dataDir = dataDir;
    this.cacheDir = cacheDir;
  }

  public static Cifar10 standard(Path dataDir) {
    return new Cifar10(
        dataDir, Path.of(System.getProperty("user.home"), ".inception", "data", "cifar10"));
  }

  /** The training split (all {@code data_batch_N.bin}) and the test split. */
  public ImageSet[] load() {
    Path dir = dataDir != null ? dataDir : cacheDir;
    Path nested = dir.resolve("cifar-10-batches-bin");
    if (Files.isDirectory(nested)) dir = nested;
    List<Path> trainFiles = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      Path p = dir.resolve("data_batch_" + i + ".bin");
      if (Files.isRegularFile(p)) trainFiles.add(p);
    }
    if (trainFiles.isEmpty()) throw problem(dir.resolve("data_batch_1.bin"), "not found");
    Path test = dir.resolve("test_batch.bin");
    if (!Files.isRegularFile(test)) throw problem(test, "not found");
    return new ImageSet[] {read(trainFiles), read(List.of(test))};
  }

  private ImageSet read(List<Path> files) {
    List<byte[]> parts = new ArrayList<>();
    int n = 0;
    for (Path f : files) {
      byte[] b;
      try {
        b = DataFiles.readMaybeGzip(f);
      } catch (DataFiles.CorruptFileException e) {
        throw problem(f, e.getMessage());
      } catch (IOException e) {
        throw problem(f, "cannot be read (" + e.getMessage() + ")");
      }
      if (b.length == 0 || b.length % RECORD != 0) {
        throw problem(
            f,
            "is truncated or corrupt (" + b.length + " bytes, not a multiple of " + RECORD + ")");
      }
      for (int r = 0; r < b.length; r += RECORD) {
        if ((b[r] & 0xff) >= 10)
          throw problem(f, "holds label " + (b[r] & 0xff) + " (expected 0..9)");
      }
      parts.add(b);
      n += b.length / RECORD;
    }
    float[] pixels = new float[n * SIDE * SIDE * 3];
    int[] labels = new int[n];
    int i = 0;
    for (byte[] b : parts) {
      for (int r = 0; r < b.length; r += RECORD, i++) {
        labels[i] = b[r] & 0xff;
        int base = i * SIDE * SIDE * 3;
        for (int c = 0; c < 3; c++) {
          int plane = r + 1 + c * SIDE * SIDE;
          for (int p = 0; p < SIDE * SIDE; p++) {
            pixels[base + p * 3 + c] = (b[plane + p] & 0xff) / 255f;
          }
        }
      }
    }
    return new ImageSet(pixels, labels, SIDE, SIDE, 3);
  }

  private IllegalArgumentException problem(Path file, String what) {
    return new IllegalArgumentException(
        "cifar10: "
            + file
            + " "
            + what
            + ". Provide the CIFAR-10 binary version (data_batch_1.bin … data_batch_5.bin,"
            + " test_batch.bin) in one of three ways: (1) --data-dir DIR holding them (or its"
            + " cifar-10-batches-bin folder); (2) extract cifar-10-binary.tar.gz from"
            + " https://www.cs.toronto.edu/~kriz/cifar.html into "
            + cacheDir
            + "; (3) use imagefolder:PATH with the images as PNG files, one folder per class");
  }
}
