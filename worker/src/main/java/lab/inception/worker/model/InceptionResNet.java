package lab.inception.worker.model;

import static lab.inception.worker.model.InceptionParts.avgPoolExcludingPad;
import static lab.inception.worker.model.InceptionParts.maxPool3s2;
import static lab.inception.worker.model.InceptionParts.seq;
import static lab.inception.worker.model.InceptionParts.valid2;

import ai.djl.nn.Block;
import lab.inception.worker.model.ModelConfig.Stem;

/**
 * Inception-ResNet-v1 and -v2: Szegedy, Ioffe, Vanhoucke &amp; Alemi, "Inception-v4,
 * Inception-ResNet and the Impact of Residual Connections on Learning", AAAI 2017 (arXiv
 * 1602.07261). Both are a stem, then 35×35 residual blocks (Block35), Reduction-A, 17×17 residual
 * blocks (Block17), Reduction-B, 8×8 residual blocks (Block8), global average pool, dropout (keep
 * 0.8) and a fully connected layer (Figure 15). A residual block is an inception module whose
 * concatenation a linear 1×1 convolution (bias, no BN) projects back to the trunk width, scaled by
 * 0.17, 0.10 and 0.20 on the three grids (Section 3.3) and added to its input, then ReLU ({@link
 * Residual}). Batch norm follows every other convolution (no bias, eps 0.001), never the sums
 * (Section 3.2). No auxiliary classifiers.
 *
 * <ul>
 *   <li>{@code inception-resnet-v2}: as timm's (and Cadene's) {@code inception_resnet_v2} —
 *       55,843,464 parameters at 1000 classes, 13,155,794,016 MACs at 3×299×299. Stem of Figure 3
 *       as the reference builds it (3×3/2 32, 3×3 32, 3×3 64, 3×3/2 max pool, 1×1 80, 3×3 192,
 *       3×3/2 max pool, Mixed_5b: 96; 48 → 5×5 64; 64 → 3×3 96 → 3×3 96; avg pool → 64 = 320
 *       channels); 10 × Block35 (Figure 16), Mixed_6a = Reduction-A (k, l, m, n = 256, 256, 384,
 *       384, Table 1), 20 × Block17 (Figure 17), Mixed_7a = Reduction-B (Figure 18), 9 × Block8
 *       (Figure 19) and a tenth Block8 with scale 1.0 and no ReLU, then a 1×1 conv to 1536
 *       channels.
 *   <li>{@code inception-resnet-v1}: no reference implementation; built from the paper's figures —
 *       stem of Figure 14 (3×3/2 32, 3×3 32, 3×3 64, 3×3/2 max pool, 1×1 80, 3×3 192, 3×3/2 256:
 *       35×35×256), 5 × Inception-ResNet-A (Figure 10), Reduction-A (k, l, m, n = 192, 192, 256,
 *       384), 10 × Inception-ResNet-B (Figure 11), Reduction-B (Figure 12), 5 × Inception-ResNet-C
 *       (Figure 13), every block ending in ReLU, head on 1792 channels: 22,756,328 parameters and
 *       6,206,361,696 MACs at 3×299×299 (derived by hand in the tests).
 * </ul>
 *
 * <p>Stem {@code small}: every stem convolution runs at stride 1 with "same" padding and the stem
 * max pools are dropped, so a 28×28 or 32×32 image reaches the 35×35-grid blocks at full size (then
 * 13×13 / 15×15 after Reduction-A and 6×6 / 7×7 after Reduction-B).
 *
 * <p>With a width multiplier the residual projections return to the trunk's actual channel count
 * (the sum of the scaled branches before them), so the shortcut always adds matching tensors.
 */
public final class InceptionResNet {

  /** Block35 (Figures 10, 16): 1×1 b0; 1×1 b1r → 3×3 b1; 1×1 b2r → 3×3 b2a → 3×3 b2b. */
  record Block35(int b0, int b1r, int b1, int b2r, int b2a, int b2b) {}

  /** Block17 (Figures 11, 17): 1×1 b0; 1×1 b1r → 1×7 b1a → 7×1 b1b. */
  record Block17(int b0, int b1r, int b1a, int b1b) {}

  /** Block8 (Figures 13, 19): 1×1 b0; 1×1 b1r → 1×3 b1a → 3×1 b1b. */
  record Block8(int b0, int b1r, int b1a, int b1b) {}

  /** Reduction-B (Figures 12, 18): three 1×1 256 → 3×3/2 branches, the third with a 3×3 first. */
  record ReductionB(int r, int a, int b, int c1, int c2) {}

  /**
   * One network of the family: block counts, widths of each block, Reduction-A (Table 1: k, l, m,
   * n) and Reduction-B.
   */
  record Variant(
      int repeat35,
      int repeat17,
      int repeat8,
      Block35 block35,
      Block17 block17,
      Block8 block8,
      int[] reductionA,
      ReductionB reductionB,
      boolean finalLinearBlock8) {}

  static final Variant V1 =
      new Variant(
          5,
          10,
          5,
          new Block35(32, 32, 32, 32, 32, 32),
          new Block17(128, 128, 128, 128),
          new Block8(192, 192, 192, 192),
          new int[] {192, 192, 256, 384},
          new ReductionB(256, 384, 256, 256, 256),
          false);

  static final Variant V2 =
      new Variant(
          10,
          20,
          9,
          new Block35(32, 32, 32, 32, 48, 64),
          new Block17(192, 128, 160, 192),
          new Block8(192, 192, 224, 256),
          new int[] {256, 256, 384, 384},
          new ReductionB(256, 384, 288, 288, 320),
          true);

  static final double SCALE_35 = 0.17;
  static final double SCALE_17 = 0.10;
  static final double SCALE_8 = 0.20;

  private final ModelConfig cfg;
  private final Variant v;
  private final boolean small;

  private InceptionResNet(ModelConfig cfg, Variant v) {
    this.cfg = cfg;
    this.v = v;
    this.small = cfg.stem() == Stem.SMALL;
  }

  /** Builds {@code inception-resnet-v1} for a configuration. */
  public static InceptionNet v1(ModelConfig cfg) {
    return new InceptionResNet(cfg, V1).build();
  }

  /** Builds {@code inception-resnet-v2} for a configuration. */
  public static InceptionNet v2(ModelConfig cfg) {
    return new InceptionResNet(cfg, V2).build();
  }

  private InceptionNet build() {
    NamedSequential trunk = new NamedSequential();
    int c = v == V2 ? stemV2(trunk) : stemV1(trunk);
    for (int i = 1; i <= v.repeat35(); i++) {
      trunk.add("block35_" + i, block35(c));
    }
    int[] ra = v.reductionA();
    trunk.add("mixed_6a", InceptionParts.reductionA(s(ra[0]), s(ra[1]), s(ra[2]), s(ra[3])));
    c += s(ra[2]) + s(ra[3]);
    for (int i = 1; i <= v.repeat17(); i++) {
      trunk.add("block17_" + i, block17(c));
    }
    ReductionB rb = v.reductionB();
    trunk.add("mixed_7a", reductionB(rb));
    c += s(rb.a()) + s(rb.b()) + s(rb.c2());
    for (int i = 1; i <= v.repeat8(); i++) {
      trunk.add("block8_" + i, block8(c, SCALE_8, true));
    }
    if (v.finalLinearBlock8()) {
      trunk.add("block8_" + (v.repeat8() + 1), block8(c, 1.0, false));
      trunk.add("conv2d_7b", conv(1536, 1, 1));
    }
    return new InceptionNet(trunk, InceptionParts.head(0.2, cfg.classes()));
  }

  /** Inception-ResNet-v2's stem as the reference builds it; returns its output channels. */
  private int stemV2(NamedSequential t) {
    stemCommon(t);
    if (!small) {
      t.add("maxpool_5a", maxPool3s2());
    }
    t.add(
        "mixed_5b",
        new Branches()
            .branch("1x1", conv(96, 1, 1))
            .branch("5x5", seq(conv(48, 1, 1), conv(64, 5, 5)))
            .branch("3x3dbl", seq(conv(64, 1, 1), conv(96, 3, 3), conv(96, 3, 3)))
            .branch("pool", new PooledProjection(avgPoolExcludingPad(3, 1, 1), conv(64, 1, 1))));
    return s(96) + s(64) + s(96) + s(64);
  }

  /** Figure 14: Inception-ResNet-v1's stem; returns its output channels. */
  private int stemV1(NamedSequential t) {
    stemCommon(t);
    t.add("conv2d_4b", stemConv(256, 3, 2));
    return s(256);
  }

  /** 3×3/2 32 V, 3×3 32 V, 3×3 64, 3×3/2 max pool V, 1×1 80, 3×3 192 V. */
  private void stemCommon(NamedSequential t) {
    t.add("conv2d_1a", stemConv(32, 3, 2));
    t.add("conv2d_2a", stemConv(32, 3, 1));
    t.add("conv2d_2b", conv(64, 3, 3));
    if (!small) {
      t.add("maxpool_3a", maxPool3s2());
    }
    t.add("conv2d_3b", conv(80, 1, 1));
    t.add("conv2d_4a", stemConv(192, 3, 1));
  }

  /** Inception-ResNet-A on the 35×35 grid, projected back to {@code c} channels. */
  private Residual block35(int c) {
    Block35 b = v.block35();
    Branches branches =
        new Branches()
            .branch("1x1", conv(b.b0(), 1, 1))
            .branch("3x3", seq(conv(b.b1r(), 1, 1), conv(b.b1(), 3, 3)))
            .branch("3x3dbl", seq(conv(b.b2r(), 1, 1), conv(b.b2a(), 3, 3), conv(b.b2b(), 3, 3)));
    return new Residual(branches, ConvUnit.linear(c, 1), SCALE_35, true);
  }

  /** Inception-ResNet-B on the 17×17 grid, projected back to {@code c} channels. */
  private Residual block17(int c) {
    Block17 b = v.block17();
    Branches branches =
        new Branches()
            .branch("1x1", conv(b.b0(), 1, 1))
            .branch("7x7", seq(conv(b.b1r(), 1, 1), conv(b.b1a(), 1, 7), conv(b.b1b(), 7, 1)));
    return new Residual(branches, ConvUnit.linear(c, 1), SCALE_17, true);
  }

  /** Inception-ResNet-C on the 8×8 grid, projected back to {@code c} channels. */
  private Residual block8(int c, double scale, boolean relu) {
    Block8 b = v.block8();
    Branches branches =
        new Branches()
            .branch("1x1", conv(b.b0(), 1, 1))
            .branch("3x3", seq(conv(b.b1r(), 1, 1), conv(b.b1a(), 1, 3), conv(b.b1b(), 3, 1)));
    return new Residual(branches, ConvUnit.linear(c, 1), scale, relu);
  }

  /**
   * Reduction-B: r → 3×3/2 a; r → 3×3/2 b; r → 3×3 c1 → 3×3/2 c2; 3×3/2 max pool (passes its input
   * through).
   */
  private Block reductionB(ReductionB r) {
    return new Branches()
        .branch("3x3a", seq(conv(r.r(), 1, 1), valid2(s(r.a()), 3)))
        .branch("3x3b", seq(conv(r.r(), 1, 1), valid2(s(r.b()), 3)))
        .branch("3x3dbl", seq(conv(r.r(), 1, 1), conv(r.c1(), 3, 3), valid2(s(r.c2()), 3)))
        .branch("pool", maxPool3s2());
  }

  /** A stem convolution without padding at the given stride; small stem: stride 1, padded. */
  private ConvUnit stemConv(int filters, int k, int stride) {
    return small ? conv(filters, k, k) : ConvUnit.bn(s(filters), k, k, stride, 0, 0);
  }

  private ConvUnit conv(int filters, int kh, int kw) {
    return InceptionParts.same(s(filters), kh, kw);
  }

  private int s(int channels) {
    return cfg.scale(channels);
  }
}
