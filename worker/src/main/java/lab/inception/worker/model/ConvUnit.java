package lab.inception.worker.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * One convolution layer as the papers draw it: a k_h×k_w convolution, then optionally batch norm,
 * then optionally ReLU. The cost analysis and the graph treat it as a single layer.
 */
public final class ConvUnit extends Chain {
  private final int kh;
  private final int kw;
  private final int stride;
  private final int filters;
  private final boolean batchNorm;
  private final float epsilon;

  private ConvUnit(
      int filters,
      int kh,
      int kw,
      int stride,
      int ph,
      int pw,
      boolean batchNorm,
      boolean relu,
      boolean bias) {
    this(filters, kh, kw, stride, ph, pw, batchNorm, relu, bias, 1e-3f);
  }

  private ConvUnit(
      int filters,
      int kh,
      int kw,
      int stride,
      int ph,
      int pw,
      boolean batchNorm,
      boolean relu,
      boolean bias,
      float epsilon) {
    this.kh = kh;
    this.kw = kw;
    this.stride = stride;
    this.filters = filters;
    this.batchNorm = batchNorm;
    this.epsilon = epsilon;
    add(
        new AutocastConv2d(
            Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kh, kw))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(ph, pw))
                .optBias(bias)));
    if (batchNorm) {
      // eps 0.001 as in the Inception-v3 / torchvision BasicConv2d reference (unless told)
      add(BatchNorm.builder().optEpsilon(epsilon).build());
    }
    if (relu) {
      add(Layers.relu());
    }
  }

  /**
   * Conv (no bias) + BN + ReLU: the BasicConv2d of BN-Inception, Inception-v3/v4 and torchvision.
   */
  public static ConvUnit bn(int filters, int kh, int kw, int stride, int ph, int pw) {
    return new ConvUnit(filters, kh, kw, stride, ph, pw, true, true, false);
  }

  /**
   * Square-kernel {@link #bn(int, int, int, int, int, int)} with "same" padding k/2 at stride 1.
   */
  public static ConvUnit bn(int filters, int k) {
    return bn(filters, k, k, 1, k / 2, k / 2);
  }

  /**
   * Conv with bias + BN (eps 1e-5, PyTorch's default) + ReLU: BN-Inception as Cadene's {@code
   * pretrainedmodels.bninception} builds every layer (its convolutions keep their bias).
   */
  public static ConvUnit bnWithBias(int filters, int kh, int kw, int stride, int ph, int pw) {
    return new ConvUnit(filters, kh, kw, stride, ph, pw, true, true, true, 1e-5f);
  }

  /** Conv with bias + ReLU, no batch norm: the original GoogLeNet's layers. */
  public static ConvUnit relu(int filters, int k, int stride, int pad) {
    return new ConvUnit(filters, k, k, stride, pad, pad, false, true, true);
  }

  /** Conv with bias and nothing after it: the linear 1×1 projection of a residual block. */
  public static ConvUnit linear(int filters, int k) {
    return new ConvUnit(filters, k, k, 1, k / 2, k / 2, false, false, true);
  }

  /** The batch norm's ε (DJL's {@code BatchNorm} does not expose it). */
  public float epsilon() {
    return epsilon;
  }

  /** The kernel as a name part: {@code conv3x3}, {@code conv1x7}. */
  public String kernel() {
    return "conv" + kh + "x" + kw;
  }

  /** A label such as {@code conv 3×3/2 192} for tables and graphs. */
  public String label() {
    String s = stride == 1 ? "" : "/" + stride;
    return "conv " + kh + "×" + kw + s + " " + filters + (batchNorm ? " +BN" : "");
  }
}
