package lab.inception.worker.model;

import static lab.inception.worker.model.InceptionParts.avgPoolExcludingPad;
import static lab.inception.worker.model.InceptionParts.maxPool3s2;
import static lab.inception.worker.model.InceptionParts.seq;

import ai.djl.nn.Block;
import lab.inception.worker.model.ModelConfig.Stem;

/**
 * Inception-v4: Szegedy, Ioffe, Vanhoucke &amp; Alemi, "Inception-v4, Inception-ResNet and the
 * Impact of Residual Connections on Learning", AAAI 2017 (arXiv 1602.07261), Figures 3–9 and Table
 * 1, as timm's (and Cadene's) {@code inception_v4} builds it: 42,679,816 parameters at 1000 classes
 * and 12,253,974,624 MACs at 3×299×299.
 *
 * <ul>
 *   <li>Every convolution: no bias, BN (eps 0.001), ReLU. "V" in the figures: no padding.
 *   <li>Stem (Figure 3): 3×3/2 32 V, 3×3 32 V, 3×3 64; Mixed_3a [3×3/2 max pool | 3×3/2 96 V];
 *       Mixed_4a [1×1 64 → 3×3 96 V | 1×1 64 → 1×7 64 → 7×1 64 → 3×3 96 V]; Mixed_5a [3×3/2 192 V |
 *       3×3/2 max pool]: 299×299×3 → 35×35×384.
 *   <li>4 × Inception-A (Figure 4), Reduction-A (Figure 7 with k, l, m, n = 192, 224, 256, 384 of
 *       Table 1), 7 × Inception-B (Figure 5), Reduction-B (Figure 8), 3 × Inception-C (Figure 6).
 *       The pool branches average 3×3 without counting the padding, as the reference.
 *   <li>Head (Figure 9): global average pool, dropout (keep 0.8), fully connected. No auxiliary
 *       classifiers (the paper's Figure 9 and the reference have none).
 * </ul>
 *
 * <p>Stem {@code small}: every stem convolution and pool runs at stride 1 with "same" padding (the
 * V convolutions are padded), so a 28×28 or 32×32 image reaches Inception-A at full size (then
 * 13×13 / 15×15 after Reduction-A and 6×6 / 7×7 after Reduction-B).
 */
public final class InceptionV4 {

  /** Table 1: Reduction-A widths of Inception-v4. */
  static final int K = 192;

  static final int L = 224;
  static final int M = 256;
  static final int N = 384;

  static final int INCEPTION_A = 4;
  static final int INCEPTION_B = 7;
  static final int INCEPTION_C = 3;

  private final ModelConfig cfg;
  private final boolean small;

  private InceptionV4(ModelConfig cfg) {
    this.cfg = cfg;
    this.small = cfg.stem() == Stem.SMALL;
  }

  /** Builds {@code inception-v4} for a configuration. */
  public static InceptionNet build(ModelConfig cfg) {
    return new InceptionV4(cfg).build();
  }

  private InceptionNet build() {
    NamedSequential trunk = new NamedSequential();
    stem(trunk);
    for (int i = 1; i <= INCEPTION_A; i++) {
      trunk.add("inception_a" + i, inceptionA());
    }
    trunk.add(
        "reduction_a",
        InceptionParts.reductionA(cfg.scale(K), cfg.scale(L), cfg.scale(M), cfg.scale(N)));
    for (int i = 1; i <= INCEPTION_B; i++) {
      trunk.add("inception_b" + i, inceptionB());
    }
    trunk.add("reduction_b", reductionB());
    for (int i = 1; i <= INCEPTION_C; i++) {
      trunk.add("inception_c" + i, inceptionC());
    }
    return new InceptionNet(trunk, InceptionParts.head(0.2, cfg.classes()));
  }

  /** Figure 3: the stem of Inception-v4 and Inception-ResNet-v2. */
  private void stem(NamedSequential t) {
    t.add("conv1_3x3_s2", stemConv(32, 3, 2));
    t.add("conv2_3x3", stemConv(32, 3, 1));
    t.add("conv3_3x3", conv(64, 3, 3));
    t.add("mixed_3a", new Branches().branch("pool", stemPool()).branch("3x3", stemConv(96, 3, 2)));
    t.add(
        "mixed_4a",
        new Branches()
            .branch("3x3", seq(conv(64, 1, 1), stemConv(96, 3, 1)))
            .branch(
                "7x7", seq(conv(64, 1, 1), conv(64, 1, 7), conv(64, 7, 1), stemConv(96, 3, 1))));
    t.add("mixed_5a", new Branches().branch("3x3", stemConv(192, 3, 2)).branch("pool", stemPool()));
  }

  /** Inception-A (Figure 4), 35×35: 96; 64 → 3×3 96; 64 → 3×3 96 → 3×3 96; avg pool → 96. */
  private Block inceptionA() {
    return new Branches()
        .branch("1x1", conv(96, 1, 1))
        .branch("3x3", seq(conv(64, 1, 1), conv(96, 3, 3)))
        .branch("3x3dbl", seq(conv(64, 1, 1), conv(96, 3, 3), conv(96, 3, 3)))
        .branch("pool", new PooledProjection(avgPoolExcludingPad(3, 1, 1), conv(96, 1, 1)));
  }

  /**
   * Inception-B (Figure 5), 17×17: 384; 192 → 1×7 224 → 7×1 256; 192 → 7×1 192 → 1×7 224 → 7×1 224
   * → 1×7 256; avg pool → 128.
   */
  private Block inceptionB() {
    return new Branches()
        .branch("1x1", conv(384, 1, 1))
        .branch("7x7", seq(conv(192, 1, 1), conv(224, 1, 7), conv(256, 7, 1)))
        .branch(
            "7x7dbl",
            seq(
                conv(192, 1, 1),
                conv(192, 7, 1),
                conv(224, 1, 7),
                conv(224, 7, 1),
                conv(256, 1, 7)))
        .branch("pool", new PooledProjection(avgPoolExcludingPad(3, 1, 1), conv(128, 1, 1)));
  }

  /**
   * Reduction-B (Figure 8), 17 → 8: 192 → 3×3/2 192 V; 256 → 1×7 256 → 7×1 320 → 3×3/2 320 V; 3×3/2
   * max pool.
   */
  private Block reductionB() {
    return new Branches()
        .branch("3x3", seq(conv(192, 1, 1), InceptionParts.valid2(cfg.scale(192), 3)))
        .branch(
            "7x7x3",
            seq(
                conv(256, 1, 1),
                conv(256, 1, 7),
                conv(320, 7, 1),
                InceptionParts.valid2(cfg.scale(320), 3)))
        .branch("pool", maxPool3s2());
  }

  /**
   * Inception-C (Figure 6), 8×8: 256; 384 → [1×3 256, 3×1 256]; 384 → 3×1 448 → 1×3 512 → [1×3 256,
   * 3×1 256]; avg pool → 256. Output 1536 channels.
   */
  private Block inceptionC() {
    return new Branches()
        .branch("1x1", conv(256, 1, 1))
        .branch("3x3", seq(conv(384, 1, 1), split(256)))
        .branch("3x3dbl", seq(conv(384, 1, 1), conv(448, 3, 1), conv(512, 1, 3), split(256)))
        .branch("pool", new PooledProjection(avgPoolExcludingPad(3, 1, 1), conv(256, 1, 1)));
  }

  /** 1×3 and 3×1 on the same input, concatenated. */
  private Block split(int filters) {
    return new Branches().branch("1x3", conv(filters, 1, 3)).branch("3x1", conv(filters, 3, 1));
  }

  /** A stem convolution without padding ("V") at the given stride; small stem: stride 1, padded. */
  private ConvUnit stemConv(int filters, int k, int stride) {
    return small ? conv(filters, k, k) : ConvUnit.bn(cfg.scale(filters), k, k, stride, 0, 0);
  }

  /** The stem's 3×3/2 max pool; small stem: 3×3/1 with padding 1. */
  private Block stemPool() {
    return small ? Layers.maxPool(3, 1, 1, false) : maxPool3s2();
  }

  private ConvUnit conv(int filters, int kh, int kw) {
    return InceptionParts.same(cfg.scale(filters), kh, kw);
  }
}
