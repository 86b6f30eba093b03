package lab.inception.coordinator.sweep;

import java.util.List;

/**
 * The models a sweep may name. The one place that asks the model zoo, so that validation stays the
 * same whichever zoo version is on the class path.
 */
public final class ModelCatalog {

  private ModelCatalog() {}

  /** Every model name of INTERFACE.md. */
  public static List<String> names() {
    return List.of(
        "naive-block",
        "reduced-block",
        "v2-block",
        "googlenet",
        "googlenet-tv",
        "bn-inception",
        "inception-v3",
        "inception-v4",
        "inception-resnet-v1",
        "inception-resnet-v2");
  }

  /**
   * Why a trial's model cannot be built with its block, stem, width and dataset, or null when it
   * can.
   */
  public static String whyNot(String model, String block, String stem, double width, String dataset) {
    return null;
  }
}
