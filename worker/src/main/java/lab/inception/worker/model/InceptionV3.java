package lab.inception.worker.model;

import static lab.inception.worker.model.InceptionParts.maxPool3s2;
import static lab.inception.worker.model.InceptionParts.seq;

import ai.djl.nn.Block;
import lab.inception.worker.model.ModelConfig.Stem;

/**
 * Inception-v3: Szegedy, Vanhoucke, Ioffe, Shlens &amp; Wojna, "Rethinking the Inception
 * Architecture for Computer Vision", CVPR 2016 (arXiv 1512.00567), Table 1, Figures 5–7 and 10, as
 * torchvision's {@code inception_v3} builds it — the same stage names ({@code Conv2d_1a_3x3} …
 * {@code Mixed_7c}) and exactly its parameter count: 23,834,568 without and 27,161,264 with the
 * auxiliary head at 1000 classes; 5,713,216,096 MACs at 3×299×299.
 *
 * <ul>
 *   <li>Stem (Table 1): 3×3/2 32, 3×3 32, 3×3 64 (padded), max pool 3/2, 1×1 80, 3×3 192, max pool
 *       3/2: 299×299 → 35×35×192. Every conv is BasicConv2d: conv without bias, BN (eps 0.001),
 *       ReLU.
 *   <li>3 × Inception-A on the 35×35 grid (Figure 5; as in torchvision and the TensorFlow weights
 *       the 5×5 branch is kept beside the double 3×3), Mixed_6a grid reduction (Figure 10), 4 ×
 *       Inception-C with 1×7 / 7×1 factorisation on the 17×17 grid (Figure 6, n = 7), Mixed_7a grid
 *       reduction, 2 × Inception-E with split 1×3 / 3×1 outputs on the 8×8 grid (Figure 7).
 *   <li>Head: global average pool, dropout 0.5, fully connected. One auxiliary classifier (Section
 *       4) on the 17×17 grid after Mixed_6e: 5×5/3 average pool, 1×1 conv 128, 5×5 conv 768, global
 *       average pool, fully connected; it runs only in training.
 * </ul>
 *
 * <p>Stem {@code small}: every stem convolution is 3×3 (or 1×1) at stride 1 with padding and the
 * two stem max pools are dropped, so a 28×28 or 32×32 image reaches Mixed_5b at full resolution
 * (then 13×13 / 15×15 after Mixed_6a and 6×6 / 7×7 after Mixed_7a). The auxiliary head's 5×5/3 pool
 * then becomes an adaptive pool to 5×5, so its 5×5 convolution fits the smaller grid.
 */
public final class InceptionV3 {

  /** Inception-A (Figure 5) modules: the 1×1 projection width after the 3×3 average pool. */
  record ModuleA(String name, int poolProj) {}

  /** Inception-C (Figure 6) modules: the width c7 of the 1×7 / 7×1 factorised convolutions. */
  record ModuleC(String name, int c7) {}

  static final ModuleA[] GRID_35 = {
    new ModuleA("Mixed_5b", 32), new ModuleA("Mixed_5c", 64), new ModuleA("Mixed_5d", 64),
  };
  static final ModuleC[] GRID_17 = {
    new ModuleC("Mixed_6b", 128),
    new ModuleC("Mixed_6c", 160),
    new ModuleC("Mixed_6d", 160),
    new ModuleC("Mixed_6e", 192),
  };
  static final String[] GRID_8 = {"Mixed_7b", "Mixed_7c"};

  private final ModelConfig cfg;
  private final boolean small;

  private InceptionV3(ModelConfig cfg) {
    this.cfg = cfg;
    this.small = cfg.stem() == Stem.SMALL;
  }

  /** Builds {@code inception-v3} for a configuration. */
  public static InceptionNet build(ModelConfig cfg) {
    return new InceptionV3(cfg).build();
  }

  private InceptionNet build() {
    NamedSequential trunk = new NamedSequential();
    stem(trunk);
    for (ModuleA m : GRID_35) {
      trunk.add(m.name(), inceptionA(m.poolProj()));
    }
    trunk.add("Mixed_6a", gridReduction35());
    for (ModuleC m : GRID_17) {
      trunk.add(m.name(), inceptionC(m.c7()));
    }
    trunk.add("Mixed_7a", gridReduction17());
    for (String name : GRID_8) {
      trunk.add(name, inceptionE());
    }
    InceptionNet net = new InceptionNet(trunk, InceptionParts.head(0.5, cfg.classes()));
    if (cfg.aux()) {
      net.aux("Mixed_6e", auxHead());
    }
    return net;
  }

  /** Table 1's stem: 299×299×3 → 35×35×192 (small: no down-sampling). */
  private void stem(NamedSequential t) {
    t.add("Conv2d_1a_3x3", small ? conv(32, 3, 3) : ConvUnit.bn(cfg.scale(32), 3, 3, 2, 0, 0));
    t.add("Conv2d_2a_3x3", small ? conv(32, 3, 3) : ConvUnit.bn(cfg.scale(32), 3, 3, 1, 0, 0));
    t.add("Conv2d_2b_3x3", conv(64, 3, 3));
    if (!small) {
      t.add("maxpool1", maxPool3s2());
    }
    t.add("Conv2d_3b_1x1", conv(80, 1, 1));
    t.add("Conv2d_4a_3x3", small ? conv(192, 3, 3) : ConvUnit.bn(cfg.scale(192), 3, 3, 1, 0, 0));
    if (!small) {
      t.add("maxpool2", maxPool3s2());
    }
  }

  /** Inception-A (Figure 5): 64; 48 → 5×5 64; 64 → 3×3 96 → 3×3 96; avg pool → poolProj. */
  private Block inceptionA(int poolProj) {
    return new Branches()
        .branch("1x1", conv(64, 1, 1))
        .branch("5x5", seq(conv(48, 1, 1), conv(64, 5, 5)))
        .branch("3x3dbl", seq(conv(64, 1, 1), conv(96, 3, 3), conv(96, 3, 3)))
        .branch("pool", new PooledProjection(Layers.avgPool(3, 1, 1), conv(poolProj, 1, 1)));
  }

  /** Mixed_6a (Figure 10): 3×3/2 384; 64 → 3×3 96 → 3×3/2 96; 3×3/2 max pool: 35 → 17. */
  private Block gridReduction35() {
    return new Branches()
        .branch("3x3", down(384))
        .branch("3x3dbl", seq(conv(64, 1, 1), conv(96, 3, 3), down(96)))
        .branch("pool", maxPool3s2());
  }

  /**
   * Inception-C (Figure 6, n = 7): 192; c7 → 1×7 c7 → 7×1 192; c7 → 7×1 c7 → 1×7 c7 → 7×1 c7 → 1×7
   * 192; avg pool → 192.
   */
  private Block inceptionC(int c7) {
    return new Branches()
        .branch("1x1", conv(192, 1, 1))
        .branch("7x7", seq(conv(c7, 1, 1), conv(c7, 1, 7), conv(192, 7, 1)))
        .branch(
            "7x7dbl",
            seq(conv(c7, 1, 1), conv(c7, 7, 1), conv(c7, 1, 7), conv(c7, 7, 1), conv(192, 1, 7)))
        .branch("pool", new PooledProjection(Layers.avgPool(3, 1, 1), conv(192, 1, 1)));
  }

  /** Mixed_7a: 192 → 3×3/2 320; 192 → 1×7 192 → 7×1 192 → 3×3/2 192; 3×3/2 max pool: 17 → 8. */
  private Block gridReduction17() {
    return new Branches()
        .branch("3x3", seq(conv(192, 1, 1), down(320)))
        .branch("7x7x3", seq(conv(192, 1, 1), conv(192, 1, 7), conv(192, 7, 1), down(192)))
        .branch("pool", maxPool3s2());
  }

  /**
   * Inception-E (Figure 7): 320; 384 → [1×3 384, 3×1 384]; 448 → 3×3 384 → [1×3 384, 3×1 384]; avg
   * pool → 192. Output 320 + 768 + 768 + 192 = 2048 channels.
   */
  private Block inceptionE() {
    return new Branches()
        .branch("1x1", conv(320, 1, 1))
        .branch("3x3", seq(conv(384, 1, 1), split(384)))
        .branch("3x3dbl", seq(conv(448, 1, 1), conv(384, 3, 3), split(384)))
        .branch("pool", new PooledProjection(Layers.avgPool(3, 1, 1), conv(192, 1, 1)));
  }

  /** The expanded filter bank of Figure 7: 1×3 and 3×1 on the same input, concatenated. */
  private Block split(int filters) {
    return new Branches().branch("1x3", conv(filters, 1, 3)).branch("3x1", conv(filters, 3, 1));
  }

  /** torchvision's InceptionAux on Mixed_6e (17×17×768). */
  private Block auxHead() {
    return new NamedSequential()
        .add("avgpool", small ? Layers.adaptiveAvgPool(5, 5) : Layers.avgPool(5, 3, 0))
        .add("conv0", conv(128, 1, 1))
        .add("conv1", ConvUnit.bn(cfg.scale(768), 5, 5, 1, 0, 0))
        .add("pool", Layers.globalAvgPool())
        .add("fc", Layers.linear(cfg.classes()));
  }

  /** BasicConv2d k_h×k_w at stride 1 with "same" padding, width scaled. */
  private ConvUnit conv(int filters, int kh, int kw) {
    return InceptionParts.same(cfg.scale(filters), kh, kw);
  }

  /** BasicConv2d 3×3 at stride 2 without padding (grid reduction), width scaled. */
  private ConvUnit down(int filters) {
    return InceptionParts.valid2(cfg.scale(filters), 3);
  }
}
