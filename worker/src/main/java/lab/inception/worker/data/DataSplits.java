package lab.inception.worker.data;

import java.util.List;

/**
 * One dataset ready for a trial: normalised training, validation and test images. The validation
 * split is held out of the training data; the test split is only for the final evaluation.
 *
 * @param name the dataset name as given ({@code fashion-mnist}, {@code cifar10}, ...)
 * @param train images the optimiser sees
 * @param validation images held out of the training data for per-epoch validation
 * @param test the dataset's test split
 * @param classNames one name per class, in label order
 * @param mean per-channel mean used for normalisation
 * @param std per-channel standard deviation used for normalisation
 */
public record DataSplits(
    String name,
    ImageSet train,
    ImageSet validation,
    ImageSet test,
    List<String> classNames,
    float[] mean,
    float[] std) {

  public int classes() {
    return classNames.size();
  }

  public int channels() {
    return train.channels();
  }

  public int height() {
    return train.height();
  }

  public int width() {
    return train.width();
  }
}
