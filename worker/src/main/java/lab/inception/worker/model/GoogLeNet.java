package lab.inception.worker.model;

import ai.djl.nn.Block;
import lab.inception.worker.model.ModelConfig.Stem;

/**
 * GoogLeNet (Inception-v1): Szegedy et al., "Going Deeper with Convolutions", CVPR 2015.
 *
 * <p>Two flavours share one builder:
 *
 * <ul>
 *   <li>{@code googlenet}: the paper — convolutions with bias and ReLU, no batch norm, local
 *       response normalisation in the stem, true 5×5 branches, auxiliary heads of Section 5 (5×5/3
 *       average pool, 1×1 conv 128, FC 1024, dropout 0.7, FC), main dropout 0.4.
 *   <li>{@code googlenet-tv}: torchvision's {@code googlenet} — BasicConv2d (conv + BN + ReLU), no
 *       LRN, the 3×3 kernel in the "5×5" branch (torchvision issue #906), adaptive 4×4 pooling in
 *       the auxiliary heads, dropout 0.2. Parameter counts equal torchvision's exactly.
 * </ul>
 *
 * <p>With {@code block = naive} every module becomes the naive block of Figure 2(a) with the same
 * 1×1 / 3×3 / 5×5 widths and the max-pool branch passed through; with {@code block =
 * naive-projected} the same convolutions with the pool branch's 1×1 projection kept, so every
 * module outputs the reduced network's shape ({@link Figure2}).
 */
public final class GoogLeNet {

  /**
   * Table 1 of the paper: #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj.
   *
   * @param name the stage name used in tables, graphs and saved parameters
   */
  record Module(String name, int c1, int c3r, int c3, int c5r, int c5, int pool) {}

  static final Module[] STAGE3 = {
    new Module("inception3a", 64, 96, 128, 16, 32, 32),
    new Module("inception3b", 128, 128, 192, 32, 96, 64),
  };
  static final Module[] STAGE4 = {
    new Module("inception4a", 192, 96, 208, 16, 48, 64),
    new Module("inception4b", 160, 112, 224, 24, 64, 64),
    new Module("inception4c", 128, 128, 256, 24, 64, 64),
    new Module("inception4d", 112, 144, 288, 32, 64, 64),
    new Module("inception4e", 256, 160, 320, 32, 128, 128),
  };
  static final Module[] STAGE5 = {
    new Module("inception5a", 256, 160, 320, 32, 128, 128),
    new Module("inception5b", 384, 192, 384, 48, 128, 128),
  };

  private final ModelConfig cfg;
  private final boolean torchvision;

  private GoogLeNet(ModelConfig cfg, boolean torchvision) {
    this.cfg = cfg;
    this.torchvision = torchvision;
  }

  /** The paper's network ({@code googlenet}). */
  public static InceptionNet paper(ModelConfig cfg) {
    return new GoogLeNet(cfg, false).build();
  }

  /** The torchvision-compatible network ({@code googlenet-tv}). */
  public static InceptionNet torchvision(ModelConfig cfg) {
    return new GoogLeNet(cfg, true).build();
  }

  private InceptionNet build() {
    NamedSequential trunk = new NamedSequential();
    stem(trunk);
    for (Module m : STAGE3) {
      trunk.add(m.name(), module(m));
    }
    trunk.add("maxpool3", Layers.maxPool(3, 2, 0, true));
    for (Module m : STAGE4) {
      trunk.add(m.name(), module(m));
    }
    trunk.add(
        "maxpool4", torchvision ? Layers.maxPool(2, 2, 0, true) : Layers.maxPool(3, 2, 0, true));
    for (Module m : STAGE5) {
      trunk.add(m.name(), module(m));
    }
    InceptionNet net = new InceptionNet(trunk, head());
    if (cfg.aux()) {
      net.aux("inception4a", auxHead()).aux("inception4d", auxHead());
    }
    return net;
  }

  private void stem(NamedSequential t) {
    boolean small = cfg.stem() == Stem.SMALL;
    if (small) {
      t.add("conv1", conv(64, 3, 1, 1));
    } else {
      t.add("conv1", conv(64, 7, 2, 3));
      t.add("maxpool1", Layers.maxPool(3, 2, 0, true));
    }
    if (!torchvision) {
      t.add("lrn1", Layers.lrn(5, 1e-4f, 0.75f, 1f));
    }
    t.add("conv2", conv(64, 1, 1, 0));
    t.add("conv3", conv(192, 3, 1, 1));
    if (!torchvision) {
      t.add("lrn2", Layers.lrn(5, 1e-4f, 0.75f, 1f));
    }
    if (!small) {
      t.add("maxpool2", Layers.maxPool(3, 2, 0, true));
    }
  }

  /** One inception module of Table 1, as the configured block kind builds it ({@link Figure2}). */
  Block module(Module m) {
    int k5 = torchvision ? 3 : 5; // torchvision's branch 3 is 3×3 (issue #906)
    return Figure2.module(m, cfg.block(), (filters, k) -> conv(filters, k, 1, k / 2), k5);
  }

  /** Section 5's auxiliary classifier (torchvision: adaptive 4×4 pooling instead of 5×5/3). */
  private Block auxHead() {
    return new NamedSequential()
        .add("avgpool", torchvision ? Layers.adaptiveAvgPool(4, 4) : Layers.avgPool(5, 3, 0))
        .add("conv", conv(128, 1, 1, 0))
        .add("flatten", Layers.flatten())
        .add("fc1", Layers.linear(cfg.scale(1024)))
        .add("relu", Layers.relu())
        .add("dropout", Layers.dropout(0.7))
        .add("fc2", Layers.linear(cfg.classes()));
  }

  private Block head() {
    return new NamedSequential()
        .add("avgpool", Layers.globalAvgPool())
        .add("dropout", Layers.dropout(torchvision ? 0.2 : 0.4))
        .add("fc", Layers.linear(cfg.classes()));
  }

  private ConvUnit conv(int filters, int k, int stride, int pad) {
    int f = cfg.scale(filters);
    return torchvision ? ConvUnit.bn(f, k, k, stride, pad, pad) : ConvUnit.relu(f, k, stride, pad);
  }
}
