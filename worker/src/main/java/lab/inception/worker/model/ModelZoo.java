package lab.inception.worker.model;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;

/** The Inception model zoo: every model by its public name (INTERFACE.md). */
public final class ModelZoo {
  private static final Map<String, ModelSpec> SPECS = new LinkedHashMap<>();

  static {
    single("naive-block", "naive inception module (1×1, 3×3, 5×5, max-pool)", SingleBlocks::naive);
    single(
        "naive-projected-block",
        "naive module with the pool branch's 1×1 projection (no 1×1 reductions)",
        SingleBlocks::naiveProjected);
    single("reduced-block", "inception module with 1×1 reductions", SingleBlocks::reduced);
    single("v2-block", "BN-Inception module: BN everywhere, 5×5 → two 3×3", SingleBlocks::v2);
    register(
        new ModelSpec(
            "googlenet",
            "GoogLeNet as in the paper: true 5×5, conv bias, LRN, no BN, 2 aux heads",
            "Szegedy et al., Going Deeper with Convolutions, CVPR 2015",
            network("googlenet", 224),
            false,
            true,
            true,
            GoogLeNet::paper));
    register(
        new ModelSpec(
            "googlenet-tv",
            "GoogLeNet as torchvision builds it: BN, 3×3 in the '5×5' branch",
            "torchvision.models.googlenet",
            network("googlenet-tv", 224),
            false,
            true,
            true,
            GoogLeNet::torchvision));
    register(
        new ModelSpec(
            "bn-inception",
            "BN-Inception: BN after every conv, 5×5 → two 3×3, no aux heads",
            "Ioffe & Szegedy, Batch Normalization, ICML 2015 (Figure 5); Cadene bninception",
            network("bn-inception", 224),
            false,
            false,
            false,
            BNInception::build));
    register(
        new ModelSpec(
            "inception-v3",
            "Inception-v3: factorised 1×n/n×1 modules, aux head on the 17×17 grid",
            "Szegedy et al., Rethinking the Inception Architecture, CVPR 2016; torchvision inception_v3",
            network("inception-v3", 299),
            false,
            true,
            false,
            InceptionV3::build));
    register(
        new ModelSpec(
            "inception-v4",
            "Inception-v4: Inception-A/B/C with Reduction-A/B, no aux heads",
            "Szegedy et al., Inception-v4, Inception-ResNet…, AAAI 2017; timm inception_v4",
            network("inception-v4", 299),
            false,
            false,
            false,
            InceptionV4::build));
    register(
        new ModelSpec(
            "inception-resnet-v1",
            "Inception-ResNet-v1: scaled residual inception blocks, from the paper's figures",
            "Szegedy et al., Inception-v4, Inception-ResNet…, AAAI 2017 (Figures 10–15)",
            network("inception-resnet-v1", 299),
            false,
            false,
            false,
            InceptionResNet::v1));
    register(
        new ModelSpec(
            "inception-resnet-v2",
            "Inception-ResNet-v2: scaled residual inception blocks, last Block8 linear",
            "Szegedy et al., Inception-v4, Inception-ResNet…, AAAI 2017; timm inception_resnet_v2",
            network("inception-resnet-v2", 299),
            false,
            false,
            false,
            InceptionResNet::v2));
  }

  private ModelZoo() {}

  private static void register(ModelSpec spec) {
    SPECS.put(spec.name(), spec);
  }

  private static void single(
      String name, String description, java.util.function.Function<ModelConfig, Block> b) {
    register(
        new ModelSpec(
            name,
            description,
            "Szegedy et al. 2014 (Figure 2); Ioffe & Szegedy 2015",
            new ModelConfig(name, 256, 28, 28, 0, false, 1.0, Stem.IMAGENET, BlockKind.REDUCED),
            true,
            false,
            false,
            b));
  }

  /** A network's reference configuration: RGB input of the given size, 1000 classes, no aux. */
  static ModelConfig network(String name, int size) {
    return new ModelConfig(name, 3, size, size, 1000, false, 1.0, Stem.IMAGENET, BlockKind.REDUCED);
  }

  /** Every model name, in listing order. */
  public static List<String> names() {
    return new ArrayList<>(SPECS.keySet());
  }

  /**
   * The entry of a model.
   *
   * @throws IllegalArgumentException naming the known models when the name is unknown
   */
  public static ModelSpec spec(String name) {
    ModelSpec s = SPECS.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown model '" + name + "'; known: " + String.join(", ", SPECS.keySet()));
    }
    return s;
  }

  /** The reference configuration of a model (its paper's input, 1000 classes). */
  public static ModelConfig reference(String name) {
    return spec(name).reference();
  }

  /**
   * Checks what can be checked without building: the name, width, classes, channels, stem and block
   * kind. Shapes are checked by {@link CostAnalyzer}.
   */
  public static void validate(ModelConfig cfg) {
    ModelSpec s = spec(cfg.model());
    if (!(cfg.widthMultiplier() > 0) || Double.isInfinite(cfg.widthMultiplier())) {
      throw new IllegalArgumentException("width must be > 0 (got " + cfg.widthMultiplier() + ")");
    }
    if (cfg.channels() < 1 || cfg.height() < 1 || cfg.width() < 1) {
      throw new IllegalArgumentException(
          "input must be C×H×W with every dimension ≥ 1 (got "
              + cfg.channels()
              + "×"
              + cfg.height()
              + "×"
              + cfg.width()
              + ")");
    }
    if (!s.singleBlock() && cfg.classes() < 2) {
      throw new IllegalArgumentException("classes must be ≥ 2 (got " + cfg.classes() + ")");
    }
    if (cfg.aux() && !s.hasAux()) {
      throw new IllegalArgumentException(
          "model "
              + cfg.model()
              + " has no auxiliary classifiers (aux applies to: "
              + String.join(", ", withAux())
              + ")");
    }
    if (cfg.block() != BlockKind.REDUCED && !s.takesBlockKind()) {
      throw new IllegalArgumentException(
          "block '"
              + cfg.block().label()
              + "' applies only to the GoogLeNet family ("
              + String.join(", ", takingBlockKind())
              + "); "
              + cfg.model()
              + " has fixed modules");
    }
  }

  /**
   * Builds the block of a configuration (parameters not yet initialised).
   *
   * @throws IllegalArgumentException for an impossible configuration, with the reason
   */
  public static Block build(ModelConfig cfg) {
    validate(cfg);
    return spec(cfg.model()).builder().apply(cfg);
  }

  /**
   * The smallest square input the configuration accepts: doubling from the configured size until
   * one fits, then bisection on the shapes.
   */
  public static int smallestInput(ModelConfig cfg) {
    int hi = Math.max(1, Math.min(cfg.height(), cfg.width()));
    while (!CostAnalyzer.fits(cfg.withInput(cfg.channels(), hi, hi))) {
      if (hi >= 4096) {
        return hi;
      }
      hi *= 2;
    }
    int lo = 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (CostAnalyzer.fits(cfg.withInput(cfg.channels(), mid, mid))) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  public static List<String> withAux() {
    return SPECS.values().stream().filter(ModelSpec::hasAux).map(ModelSpec::name).toList();
  }

  public static List<String> takingBlockKind() {
    return SPECS.values().stream().filter(ModelSpec::takesBlockKind).map(ModelSpec::name).toList();
  }
}
