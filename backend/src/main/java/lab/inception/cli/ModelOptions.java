package lab.inception.cli;

import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import lab.inception.worker.model.ModelZoo;
import picocli.CommandLine.Option;

/** The options that configure one zoo model, shared by {@code flops} and {@code graph}. */
final class ModelOptions {
  @Option(names = "--model", required = true, description = "model name (see `inception models`)")
  String model;

  @Option(names = "--input", description = "input as CxHxW (default: the model's reference input)")
  String input;

  @Option(names = "--classes", description = "output classes (default 1000)")
  Integer classes;

  @Option(names = "--aux", description = "include the auxiliary classifiers")
  boolean aux;

  @Option(names = "--width", defaultValue = "1.0", description = "width multiplier (default 1.0)")
  double width;

  @Option(names = "--stem", defaultValue = "imagenet", description = "imagenet | small")
  String stem;

  @Option(
      names = "--block",
      defaultValue = "reduced",
      completionCandidates = BlockLabels.class,
      description = "${COMPLETION-CANDIDATES} (GoogLeNet family; default reduced)")
  String block;

  /** The block labels for help and completion, from {@link BlockKind} (their one owner). */
  static final class BlockLabels extends java.util.ArrayList<String> {
    BlockLabels() {
      super(BlockKind.labels());
    }
  }

  /** The configuration these options describe; bad values raise IllegalArgumentException. */
  ModelConfig toConfig() {
    ModelConfig ref = ModelZoo.reference(model);
    int c = ref.channels();
    int h = ref.height();
    int w = ref.width();
    if (input != null) {
      String[] p = input.toLowerCase().split("[x×]");
      if (p.length != 3) {
        throw new IllegalArgumentException(
            "--input must be CxHxW, e.g. 3x224x224 (got " + input + ")");
      }
      try {
        c = Integer.parseInt(p[0].trim());
        h = Integer.parseInt(p[1].trim());
        w = Integer.parseInt(p[2].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--input must be CxHxW, e.g. 3x224x224 (got " + input + ")");
      }
    }
    ModelConfig cfg =
        new ModelConfig(
            model,
            c,
            h,
            w,
            classes != null ? classes : ref.classes(),
            aux,
            width,
            parseStem(),
            parseBlock());
    ModelZoo.validate(cfg);
    return cfg;
  }

  private Stem parseStem() {
    try {
      return Stem.parse(stem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--stem must be imagenet or small (got " + stem + ")");
    }
  }

  private BlockKind parseBlock() {
    try {
      return BlockKind.parse(block);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--block: " + BlockKind.unknown(block));
    }
  }
}
