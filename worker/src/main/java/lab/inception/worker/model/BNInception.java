package lab.inception.worker.model;

import ai.djl.nn.Block;
import lab.inception.worker.model.ModelConfig.Stem;

/**
 * BN-Inception: Ioffe &amp; Szegedy, "Batch Normalization: Accelerating Deep Network Training by
 * Reducing Internal Covariate Shift", ICML 2015, Appendix Figure 5 (the Inception network of
 * Section 4.2), as Cadene's {@code pretrainedmodels.bninception} builds it (the ancestor of timm's
 * port): 11,295,240 parameters at 1000 classes and 2,032,600,064 MACs at 3×224×224.
 *
 * <ul>
 *   <li>Every convolution keeps its bias and is followed by batch norm (eps 1e-5, PyTorch's
 *       default, as the reference) and ReLU ({@link ConvUnit#bnWithBias}).
 *   <li>Stem: 7×7/2 64, 3×3/2 max pool, 1×1 64, 3×3 192, 3×3/2 max pool (pools in ceil mode):
 *       224×224 → 28×28×192.
 *   <li>Ten modules of Figure 5 ({@link #MODULES}): GoogLeNet's 5×5 replaced by two stacked 3×3;
 *       average pooling in most pool branches; modules 3c and 4e reduce the grid with stride-2
 *       convolutions beside a 3×3/2 max pool that passes its input through ("Max + pass through").
 *   <li>Head: global average pool (the reference's 7×7 pool at 224), fully connected. No dropout
 *       and no auxiliary classifiers (the paper removed dropout; the reference has no aux heads).
 * </ul>
 *
 * <p>Stem {@code small}: the 7×7/2 convolution becomes a 3×3 at stride 1 and both stem max pools
 * are dropped, so a 28×28 or 32×32 image reaches inception (3a) at full size (then 14×14 / 16×16
 * after 3c and 7×7 / 8×8 after 4e).
 */
public final class BNInception {

  /** What feeds a module's pool branch. */
  enum Pool {
    /** 3×3/1 average pool, then a 1×1 projection. */
    AVG,
    /** 3×3/1 max pool, then a 1×1 projection. */
    MAX,
    /** 3×3/2 max pool passed through, beside stride-2 convolutions: a grid reduction. */
    MAX_STRIDE2
  }

  /**
   * One row of Figure 5: #1×1, #3×3 reduce, #3×3, double #3×3 reduce, double #3×3, pool and pool
   * projection (0 where the column is empty).
   */
  record Module(String name, int c1, int c3r, int c3, int d3r, int d3, Pool pool, int proj) {
    boolean reduces() {
      return pool == Pool.MAX_STRIDE2;
    }
  }

  /** Figure 5 of Ioffe &amp; Szegedy 2015, with the widths of the reference implementation. */
  static final Module[] MODULES = {
    //         name          #1×1 #3×3r #3×3 d#3×3r d#3×3  pool             proj
    new Module("inception_3a", 64, 64, 64, 64, 96, Pool.AVG, 32),
    new Module("inception_3b", 64, 64, 96, 64, 96, Pool.AVG, 64),
    new Module("inception_3c", 0, 128, 160, 64, 96, Pool.MAX_STRIDE2, 0),
    new Module("inception_4a", 224, 64, 96, 96, 128, Pool.AVG, 128),
    new Module("inception_4b", 192, 96, 128, 96, 128, Pool.AVG, 128),
    new Module("inception_4c", 160, 128, 160, 128, 160, Pool.AVG, 128),
    new Module("inception_4d", 96, 128, 192, 160, 192, Pool.AVG, 128),
    new Module("inception_4e", 0, 128, 192, 192, 256, Pool.MAX_STRIDE2, 0),
    new Module("inception_5a", 352, 192, 320, 160, 224, Pool.AVG, 128),
    new Module("inception_5b", 352, 192, 320, 192, 224, Pool.MAX, 128),
  };

  private final ModelConfig cfg;

  private BNInception(ModelConfig cfg) {
    this.cfg = cfg;
  }

  /** Builds {@code bn-inception} for a configuration. */
  public static InceptionNet build(ModelConfig cfg) {
    return new BNInception(cfg).build();
  }

  private InceptionNet build() {
    NamedSequential trunk = new NamedSequential();
    boolean small = cfg.stem() == Stem.SMALL;
    if (small) {
      trunk.add("conv1_3x3", conv(64, 3, 1));
    } else {
      trunk.add("conv1_7x7_s2", conv(64, 7, 2));
      trunk.add("pool1_3x3_s2", Layers.maxPool(3, 2, 0, true));
    }
    trunk.add("conv2_3x3_reduce", conv(64, 1, 1));
    trunk.add("conv2_3x3", conv(192, 3, 1));
    if (!small) {
      trunk.add("pool2_3x3_s2", Layers.maxPool(3, 2, 0, true));
    }
    for (Module m : MODULES) {
      trunk.add(m.name(), module(m));
    }
    return new InceptionNet(trunk, InceptionParts.head(0, cfg.classes()));
  }

  /** One module of Figure 5. */
  Block module(Module m) {
    int s = m.reduces() ? 2 : 1;
    Branches b = new Branches();
    if (!m.reduces()) {
      b.branch("1x1", conv(m.c1(), 1, 1));
    }
    b.branch("3x3", seq(conv(m.c3r(), 1, 1), conv(m.c3(), 3, s)))
        .branch("double3x3", seq(conv(m.d3r(), 1, 1), conv(m.d3(), 3, 1), conv(m.d3(), 3, s)));
    return switch (m.pool()) {
      case AVG -> b.branch("pool", seq(Layers.avgPool(3, 1, 1), conv(m.proj(), 1, 1)));
      case MAX -> b.branch("pool", seq(Layers.maxPool(3, 1, 1, true), conv(m.proj(), 1, 1)));
      case MAX_STRIDE2 -> b.branch("pool", Layers.maxPool(3, 2, 0, true));
    };
  }

  /** k×k conv (bias) + BN + ReLU with padding k/2, width scaled. */
  private ConvUnit conv(int filters, int k, int stride) {
    return ConvUnit.bnWithBias(cfg.scale(filters), k, k, stride, k / 2, k / 2);
  }

  private static Block seq(Block... blocks) {
    return Chain.of(blocks);
  }
}
