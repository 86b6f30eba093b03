package lab.inception.coordinator.sweep;

import java.util.List;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.data.DatasetCatalog;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelZoo;

/** The models a sweep may name, and whether a trial's model can be built: asks the model zoo. */
public final class ModelCatalog {

  private ModelCatalog() {}

  /** Every model name of the zoo. */
  public static List<String> names() {
    return ModelZoo.names();
  }

  /**
   * The network of a trial's model, block, stem and width on its dataset's images (an image folder
   * counts as two classes: its class count is known only once its files are read).
   */
  static ModelConfig config(
      String model,
      String block,
      String stem,
      double width,
      String dataset,
      int imageSize,
      boolean aux) {
    int[] in = DatasetCatalog.input(dataset, imageSize);
    int classes = DatasetCatalog.find(dataset).map(DatasetCatalog.Info::classes).orElse(2);
    return new ModelConfig(
        model,
        in[0],
        in[1],
        in[2],
        classes,
        aux,
        width,
        ModelConfig.Stem.parse(stem),
        ModelConfig.BlockKind.parse(block));
  }

  /**
   * Why a trial's model cannot be built with its block, stem and width on its dataset's images, or
   * null when it can.
   */
  public static String whyNot(
      String model, String block, String stem, double width, String dataset, int imageSize) {
    try {
      if (ModelZoo.spec(model).singleBlock()) {
        return "a single block has no classifier and cannot be trained; choose a network";
      }
      int[] in = DatasetCatalog.input(dataset, imageSize);
      ModelConfig cfg = config(model, block, stem, width, dataset, imageSize, false);
      ModelZoo.validate(cfg);
      if (!CostAnalyzer.fits(cfg)) {
        int min = ModelZoo.smallestInput(cfg);
        return "its "
            + in[1]
            + "×"
            + in[2]
            + " images are too small (the smallest input is "
            + min
            + "×"
            + min
            + "; set imageSize or use stem small)";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
