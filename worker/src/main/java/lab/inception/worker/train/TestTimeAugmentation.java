package lab.inception.worker.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.function.UnaryOperator;
import lab.inception.worker.model.Labels;

/**
 * How a trained network scores a validation or test image: on the image alone, or on the image and
 * its mirror image with the two class distributions averaged (the flips the training batches are
 * augmented with). The score is a log-probability, so the loss, top-1 and top-5 of {@code
 * TrainingRunner}'s evaluation read it as they read logits: softmax(log p) = p, and the logarithm
 * keeps every ranking.
 */
public enum TestTimeAugmentation {
  /** The image as it is: the network's logits. */
  NONE {
    @Override
    public NDArray scores(UnaryOperator<NDArray> network, NDArray images) {
      return network.apply(images);
    }
  },
  /** The image and its horizontal mirror: log of the mean of the two softmaxes. */
  FLIP {
    @Override
    public NDArray scores(UnaryOperator<NDArray> network, NDArray images) {
      NDArray p = network.apply(images).softmax(1);
      NDArray mirrored = network.apply(images.flip(WIDTH_AXIS)).softmax(1);
      return p.add(mirrored).div(2).log();
    }
  };

  /** The width axis of an NCHW batch (a channels-last batch keeps NCHW's logical shape). */
  private static final int WIDTH_AXIS = 3;

  /**
   * Class scores of a batch of images, shape (N, classes).
   *
   * @param network the network in inference mode: images (N, C, H, W) to logits (N, classes)
   */
  public abstract NDArray scores(UnaryOperator<NDArray> network, NDArray images);

  /** The name a trial and the CLI use: {@code none}, {@code flip}. */
  public String label() {
    return Labels.of(this);
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labels.all(TestTimeAugmentation.class);
  }

  /**
   * The mode a label names.
   *
   * @throws IllegalArgumentException naming the label and the choices
   */
  public static TestTimeAugmentation parse(String label) {
    return Labels.parse(TestTimeAugmentation.class, "test-time augmentation", label);
  }
}
