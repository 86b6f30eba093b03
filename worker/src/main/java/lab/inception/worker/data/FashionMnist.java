package lab.inception.worker.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 60,000 training and 10,000 test grayscale 28×28
 * images of 10 clothing classes, as IDX files (gzip or raw). Looked up in the user's data
 * directory, else Debian's {@code dataset-fashion-mnist} directory, else downloaded from the
 * official mirror into a cache with SHA-256 verification.
 */
public final class FashionMnist {

  /** Debian's package installs the files here. */
  public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** The official mirror named in the dataset's README. */
  public static final URI MIRROR =
      URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** SHA-256 of each file's decompressed content (the official release). */
  public static final Map<String, String> CONTENT_SHA256 =
      Map.of(
          TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
          TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
          TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  /** Normalisation statistics of the training images. */
  /** Side of the square images. */
  public static final int SIDE = 28;

  /** Images in the training and test files. */
  public static final int TRAIN_SIZE = 60_000;

  public static final int TEST_SIZE = 10_000;

  public static final float[] MEAN = {0.2860f};

  public static final float[] STD = {0.3530f};

  public static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private final Path dataDir;
  private final Path systemDir;
  private final Path cacheDir;
  private final URI mirror;
  private final Map<String, String> sha256;

  /**
   * @param dataDir the user's {@code --data-dir}, or null
   * @param systemDir the system-wide directory (normally {@link #SYSTEM_DIR})
   * @param cacheDir where downloads go (normally {@code ~/.inception/data/fashion-mnist})
   * @param mirror base URL of the download mirror
   * @param sha256 expected content SHA-256 per file base name
   */
  public FashionMnist(
      Path dataDir, Path systemDir, Path cacheDir, URI mirror, Map<String, String> sha256) {
    this.dataDir = dataDir;
    this.systemDir = systemDir;
    this.cacheDir = cacheDir;
    this.mirror = mirror;
    this.sha256 = sha256;
  }

  /** The standard lookup: {@code dataDir}, Debian's directory, then {@code ~/.inception/data}. */
  public static FashionMnist standard(Path dataDir) {
    return new FashionMnist(dataDir, SYSTEM_DIR, defaultCacheDir(), MIRROR, CONTENT_SHA256);
  }

  static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".inception", "data", "fashion-mnist");
  }

  /** The training split (60,000 images) and the test split (10,000 images). */
  public ImageSet[] load() {
    Path dir = locate();
    return new ImageSet[] {
      read(dir, TRAIN_IMAGES, TRAIN_LABELS), read(dir, TEST_IMAGES, TEST_LABELS)
    };
  }

  /** The directory the files are read from, downloading into the cache when needed. */
  Path locate() {
    if (dataDir != null) {
      for (String f : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
        if (find(dataDir, f) == null) throw missing(dataDir.resolve(f + ".gz"), "not found");
      }
      return dataDir;
    }
    if (complete(systemDir)) return systemDir;
    for (String f : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
      if (find(cacheDir, f) != null) continue;
      Path target = cacheDir.resolve(f + ".gz");
      URI url = mirror.resolve(f + ".gz");
      System.err.println("fashion-mnist: downloading " + url + " into " + cacheDir);
      try {
        new Downloader().fetch(url, target, sha256.get(f));
      } catch (IOException e) {
        throw missing(target, "could not be downloaded from " + url + " (" + e.getMessage() + ")");
      } catch (DataFiles.CorruptFileException e) {
        throw missing(target, e.getMessage());
      }
    }
    return cacheDir;
  }

  private static boolean complete(Path dir) {
    if (dir == null) return false;
    for (String f : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
      if (find(dir, f) == null) return false;
    }
    return true;
  }

  /** The file {@code base.gz} or {@code base} in {@code dir}, or null. */
  static Path find(Path dir, String base) {
    for (String name : List.of(base + ".gz", base)) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) return p;
    }
    return null;
  }

  private ImageSet read(Path dir, String imagesBase, String labelsBase) {
    Path imagesFile = find(dir, imagesBase);
    Path labelsFile = find(dir, labelsBase);
    DataFiles.Idx images = parse(imagesFile, 3);
    DataFiles.Idx labels = parse(labelsFile, 1);
    int n = images.dims()[0];
    int h = images.dims()[1];
    int w = images.dims()[2];
    if (labels.dims()[0] != n) {
      throw missing(
          labelsFile,
          "holds " + labels.dims()[0] + " labels but " + imagesFile + " holds " + n + " images");
    }
    float[] pixels = new float[n * h * w];
    byte[] ib = images.bytes();
    for (int i = 0; i < pixels.length; i++) pixels[i] = (ib[images.offset() + i] & 0xff) / 255f;
    int[] y = new int[n];
    byte[] lb = labels.bytes();
    for (int i = 0; i < n; i++) {
      y[i] = lb[labels.offset() + i] & 0xff;
      if (y[i] >= CLASSES.size())
        throw missing(labelsFile, "holds label " + y[i] + " (expected 0..9)");
    }
    return new ImageSet(pixels, y, h, w, 1);
  }

  private DataFiles.Idx parse(Path file, int dims) {
    try {
      return DataFiles.parseIdx(DataFiles.readMaybeGzip(file), dims);
    } catch (DataFiles.CorruptFileException e) {
      throw missing(file, e.getMessage());
    } catch (IOException e) {
      throw missing(file, "cannot be read (" + e.getMessage() + ")");
    }
  }

  private IllegalArgumentException missing(Path file, String problem) {
    return new IllegalArgumentException(
        "fashion-mnist: "
            + file
            + " "
            + problem
            + ". Provide the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,"
            + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; gzip or raw) in one of three ways:"
            + " (1) --data-dir DIR holding them; (2) install Debian's dataset-fashion-mnist ("
            + systemDir
            + "); (3) let the lab download them from "
            + mirror
            + " into "
            + cacheDir
            + " (needs network access; a broken file there must be deleted first)");
  }
}
