package lab.inception.worker.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns a dataset name ({@code fashion-mnist}, {@code cifar10}, {@code synthetic-shapes}, {@code
 * imagefolder:PATH}) into normalised training, validation and test splits.
 */
public final class Datasets {

  private Datasets() {}

  /**
   * Loads a dataset.
   *
   * @param name dataset name
   * @param dataDir the user's data directory, or null
   * @param imageSize square side to resize to, 0 for the dataset's own (imagefolder: 32)
   * @param validationFraction share of the training images held out for validation
   * @param seed seed of the validation split
   * @param limitTrain use only this many training images (0: all)
   * @param limitTest use only this many test images (0: all)
   */
  public static DataSplits load(
      String name,
      Path dataDir,
      int imageSize,
      double validationFraction,
      long seed,
      int limitTrain,
      int limitTest) {
    if (validationFraction < 0 || validationFraction >= 1) {
      throw new IllegalArgumentException(
          "validationFraction must be in [0, 1), got " + validationFraction);
    }
    if (name == null || name.isBlank()) throw new IllegalArgumentException("no dataset given");
    ImageSet[] parts;
    List<String> classes;
    float[] mean = null;
    float[] std = null;
    if (name.equals("fashion-mnist")) {
      parts = FashionMnist.standard(dataDir).load();
      classes = FashionMnist.CLASSES;
      mean = FashionMnist.MEAN;
      std = FashionMnist.STD;
    } else if (name.equals("cifar10")) {
      parts = Cifar10.standard(dataDir).load();
      classes = Cifar10.CLASSES;
      mean = Cifar10.MEAN;
      std = Cifar10.STD;
    } else if (name.equals("synthetic-shapes")) {
      int train = limitTrain > 0 ? limitTrain : SyntheticShapes.TRAIN_SIZE;
      int test = limitTest > 0 ? limitTest : SyntheticShapes.TEST_SIZE;
      parts =
          new ImageSet[] {
            SyntheticShapes.generate(train, 20_261_126L), SyntheticShapes.generate(test, 7_777L)
          };
      classes = SyntheticShapes.CLASSES;
    } else if (name.startsWith(DatasetCatalog.IMAGE_FOLDER)) {
      String path = name.substring(DatasetCatalog.IMAGE_FOLDER.length());
      if (path.isBlank())
        throw new IllegalArgumentException(
            "imagefolder: needs a path, e.g. imagefolder:/data/pets");
      ImageFolder folder =
          new ImageFolder(
              Path.of(path), imageSize > 0 ? imageSize : DatasetCatalog.IMAGE_FOLDER_SIDE);
      classes = folder.classes();
      parts = folder.load(seed);
    } else {
      throw new IllegalArgumentException(DatasetCatalog.whyNot(name));
    }
    ImageSet trainAll = parts[0].first(limitTrain).resized(imageSize);
    ImageSet test = parts[1].first(limitTest).resized(imageSize);
    int[][] split = Splits.stratified(trainAll.labels(), validationFraction, seed);
    ImageSet train = trainAll.subset(split[0]);
    ImageSet validation = trainAll.subset(split[1]);
    if (train.size() == 0) throw new IllegalArgumentException(name + ": no training images left");
    if (mean == null) {
      float[][] stats = train.channelStats();
      mean = stats[0];
      std = stats[1];
    }
    return new DataSplits(
        name,
        train.normalized(mean, std),
        validation.normalized(mean, std),
        test.normalized(mean, std),
        classes,
        mean,
        std);
  }
}
