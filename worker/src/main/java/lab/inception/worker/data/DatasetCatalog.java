package lab.inception.worker.data;

import java.util.List;
import java.util.Optional;

/**
 * The one catalog of the built-in datasets: each one's image shape as trained (before {@code
 * imageSize}), classes, split sizes and where its files come from. The trial's loader, the sweep
 * validation, the cost estimates and {@code GET /api/datasets} all read it; {@code
 * imagefolder:PATH} is the one dataset not listed, its shape known only once loaded.
 */
public final class DatasetCatalog {

  /** The prefix of a folder of images, one sub-folder per class. */
  public static final String IMAGE_FOLDER = "imagefolder:";

  /** The side images of an image folder are resized to when the trial sets no imageSize. */
  public static final int IMAGE_FOLDER_SIDE = 32;

  /**
   * One built-in dataset.
   *
   * @param name the name a trial gives
   * @param channels, height, width the images' shape as stored
   * @param classNames the classes, in label order
   * @param train images of the training split (validation is held out of it)
   * @param test images of the test split
   * @param source where the files come from
   */
  public record Info(
      String name,
      int channels,
      int height,
      int width,
      List<String> classNames,
      int train,
      int test,
      String source) {

    public int classes() {
      return classNames.size();
    }
  }

  private static final List<Info> BUILT_IN =
      List.of(
          new Info(
              "fashion-mnist",
              1,
              FashionMnist.SIDE,
              FashionMnist.SIDE,
              FashionMnist.CLASSES,
              FashionMnist.TRAIN_SIZE,
              FashionMnist.TEST_SIZE,
              "IDX files (gzip or raw) from --data-dir, else "
                  + FashionMnist.SYSTEM_DIR
                  + " (Debian's dataset-fashion-mnist), else downloaded once and checked"
                  + " against SHA-256"),
          new Info(
              "cifar10",
              3,
              Cifar10.SIDE,
              Cifar10.SIDE,
              Cifar10.CLASSES,
              Cifar10.TRAIN_SIZE,
              Cifar10.TEST_SIZE,
              "the binary version's data_batch_*.bin and test_batch.bin from --data-dir or"
                  + " ~/.inception/data/cifar10"),
          new Info(
              "synthetic-shapes",
              1,
              SyntheticShapes.SIDE,
              SyntheticShapes.SIDE,
              SyntheticShapes.CLASSES,
              SyntheticShapes.TRAIN_SIZE,
              SyntheticShapes.TEST_SIZE,
              "built in: generated from a fixed seed (limitTrain/limitTest change the sizes)"));

  private DatasetCatalog() {}

  /** Every built-in dataset. */
  public static List<Info> all() {
    return BUILT_IN;
  }

  /** The built-in names. */
  public static List<String> names() {
    return BUILT_IN.stream().map(Info::name).toList();
  }

  /** A built-in dataset by name. */
  public static Optional<Info> find(String name) {
    return BUILT_IN.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** Why a dataset name is not one a trial can give, or null. */
  public static String whyNot(String name) {
    if (name.startsWith(IMAGE_FOLDER)) {
      return name.length() > IMAGE_FOLDER.length()
          ? null
          : "imagefolder: needs a path (imagefolder:PATH)";
    }
    return find(name).isPresent()
        ? null
        : "unknown dataset '"
            + name
            + "'; known: "
            + String.join(", ", names())
            + ", "
            + IMAGE_FOLDER
            + "PATH";
  }

  /**
   * The input shape a trial's network gets: C, H, W after resizing to {@code imageSize} (0: as
   * stored); for an image folder C = 3 and the side is {@code imageSize} or {@link
   * #IMAGE_FOLDER_SIDE}.
   */
  public static int[] input(String name, int imageSize) {
    Optional<Info> i = find(name);
    if (i.isEmpty()) {
      int side = imageSize > 0 ? imageSize : IMAGE_FOLDER_SIDE;
      return new int[] {3, side, side};
    }
    Info d = i.get();
    return imageSize > 0
        ? new int[] {d.channels(), imageSize, imageSize}
        : new int[] {d.channels(), d.height(), d.width()};
  }
}
