package lab.inception.worker.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Iterator;
import java.util.function.UnaryOperator;

/**
 * One convolution layer as the papers draw it: a k_h×k_w convolution, then optionally batch norm,
 * then optionally ReLU. The cost analysis and the graph treat it as a single layer.
 */
public final class ConvUnit extends Chain {
  private final int kh;
  private final int kw;
  private final int stride;
  private final int ph;
  private final int pw;
  private final int filters;
  private final boolean bias;
  private final boolean batchNorm;
  private final boolean relu;
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
    this.ph = ph;
    this.pw = pw;
    this.filters = filters;
    this.bias = bias;
    this.batchNorm = batchNorm;
    this.relu = relu;
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
      add(BatchNorm.builder().optEpsilon(epsilon).optMomentum(BN_MOMENTUM).build());
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

  /**
   * Its layers in order, as torchvision's {@code BasicConv2d.forward} runs them, rather than each
   * child's own {@code forward}: batch norm as one libtorch {@code batch_norm} call on the channel
   * axis (DJL's {@code BatchNorm} block, given axis 1, wraps it in two transposed views) and ReLU
   * in place on its output. The children stay the parameters' owners, the names checkpoints use and
   * what the cost analysis and the ONNX export read.
   */
  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return forwardWith(ps, inputs, training, params, null);
  }

  /**
   * {@link #forwardInternal}, with {@code between} (when not null) applied to the convolution's
   * output before batch norm: how {@link PooledProjection} pools after a 1×1 projection.
   */
  NDList forwardWith(
      ParameterStore ps,
      NDList inputs,
      boolean training,
      PairList<String, Object> params,
      UnaryOperator<NDArray> between) {
    Iterator<Block> layers = getChildren().values().iterator();
    NDArray y = layers.next().forward(ps, inputs, training, params).singletonOrThrow();
    if (between != null) {
      NDArray b = between.apply(y);
      y.close();
      y = b;
    }
    if (batchNorm) {
      NDArray normed = batchNorm(ps, layers.next(), y, training);
      y.close();
      y = normed;
    }
    if (relu) {
      NDArray activated = Layers.reluInPlace(y);
      y.close();
      y = activated;
    }
    return new NDList(y);
  }

  /**
   * The arrays of this unit's parameters for one forward pass, as {@code ps} gives them ({@code
   * null} where the unit has no such parameter).
   */
  record Arrays(
      NDArray weight,
      NDArray bias,
      NDArray gamma,
      NDArray beta,
      NDArray runningMean,
      NDArray runningVar) {}

  Arrays arrays(ParameterStore ps, Device d, boolean training) {
    var children = getChildren().values();
    ParameterList conv = children.get(0).getDirectParameters();
    NDArray w = ps.getValue(conv.get("weight"), d, training);
    NDArray b = bias ? ps.getValue(conv.get("bias"), d, training) : null;
    if (!batchNorm) return new Arrays(w, b, null, null, null, null);
    ParameterList p = children.get(1).getDirectParameters();
    return new Arrays(
        w,
        b,
        ps.getValue(p.get("gamma"), d, training),
        ps.getValue(p.get("beta"), d, training),
        ps.getValue(p.get("runningMean"), d, training),
        ps.getValue(p.get("runningVar"), d, training));
  }

  private NDArray batchNorm(ParameterStore ps, Block bn, NDArray x, boolean training) {
    ParameterList p = bn.getDirectParameters();
    Device d = x.getDevice();
    return BatchNorm.batchNorm(
            x,
            ps.getValue(p.get("runningMean"), d, training),
            ps.getValue(p.get("runningVar"), d, training),
            ps.getValue(p.get("gamma"), d, training),
            ps.getValue(p.get("beta"), d, training),
            // axis -1: libtorch's own batch_norm (channel axis 1), no transposed views
            -1,
            BN_MOMENTUM,
            epsilon,
            training)
        .singletonOrThrow();
  }

  /**
   * The batch norm's momentum, for the child block and for {@link #forwardInternal}'s direct call
   * alike: DJL's default, PyTorch's 0.1 (DJL passes 1 − momentum).
   */
  private static final float BN_MOMENTUM = 0.9f;

  /** The momentum libtorch's {@code batch_norm} receives from DJL for {@link #BN_MOMENTUM}. */
  static double libtorchMomentum() {
    return 1f - BN_MOMENTUM;
  }

  /** Whether this is a 1×1 convolution at stride 1 without padding: a per-pixel linear map. */
  boolean isPointwise() {
    return kh == 1 && kw == 1 && stride == 1 && ph == 0 && pw == 0;
  }

  /** Whether the convolution adds a bias. */
  boolean hasBias() {
    return bias;
  }

  /** Whether batch norm follows the convolution. */
  boolean hasBatchNorm() {
    return batchNorm;
  }

  /** Whether ReLU ends the unit. */
  boolean hasRelu() {
    return relu;
  }

  /** Stride, padding, dilation and groups as TorchScript's {@code conv2d} takes them. */
  String convGeometry() {
    return "[%d, %d], [%d, %d], [1, 1], 1".formatted(stride, stride, ph, pw);
  }

  /** The convolution's output channels. */
  int filters() {
    return filters;
  }

  /**
   * Whether {@code other} is the same layer but for its filter count: kernel, stride, padding,
   * bias, batch norm (and its ε) and ReLU alike.
   */
  boolean sameLayer(ConvUnit other) {
    return kh == other.kh
        && kw == other.kw
        && stride == other.stride
        && ph == other.ph
        && pw == other.pw
        && bias == other.bias
        && batchNorm == other.batchNorm
        && relu == other.relu
        && epsilon == other.epsilon;
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
