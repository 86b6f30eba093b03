package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Parameter-free layers, each an {@link Op} naming what it is (so that tables and graphs can say
 * it) and computing its output shape without running is. Pools follow PyTorch's semantics (ceil
 * mode, padding), which the reference counts use.
 */
public final class Layers {
  public static final String MAX_POOL = "maxpool";
  public static final String AVG_POOL = "avgpool";
  public static final String LRN = "lrn";
  public static final String FLATTEN = "flatten";
  public static final String RELU = "relu";
  public static final String IDENTITY = "identity";

  private Layers() {}

  /** k×k max pooling with stride s and padding p (PyTorch {@code MaxPool2d}). */
  public static Block maxPool(int k, int s, int p, boolean ceil) {
    Shape kk = new Shape(k, k);
    Shape ss = new Shape(s, s);
    Shape pp = new Shape(p, p);
    return new Op(
        new OpSpec.MaxPool(k, s, p, ceil),
        x -> Pool.maxPool2d(x, kk, ss, pp, ceil),
        in -> pooled(in, k, s, p, ceil));
  }

  /** k×k average pooling with stride s and padding p, padding counted (PyTorch's default). */
  public static Block avgPool(int k, int s, int p) {
    Shape kk = new Shape(k, k);
    Shape ss = new Shape(s, s);
    Shape pp = new Shape(p, p);
    return new Op(
        new OpSpec.AvgPool(k, s, p, true),
        x -> Pool.avgPool2d(x, kk, ss, pp, false, true),
        in -> pooled(in, k, s, p, false));
  }

  /** Average over all positions: N×C×H×W → N×C. */
  public static Block globalAvgPool() {
    return new Op(
        new OpSpec.GlobalAvgPool(), Layers::globalAvg, in -> new Shape(in.get(0), in.get(1)));
  }

  /** N×C×H×W → N×C. */
  private static NDArray globalAvg(NDArray x) {
    return Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1));
  }

  /**
   * PyTorch's {@code AdaptiveAvgPool2d((oh, ow))}: bin i spans [floor(i·H/oh), ceil((i+1)·H/oh)),
   * so it matches torchvision exactly on any input size.
   */
  public static Block adaptiveAvgPool(int oh, int ow) {
    return new Op(
        new OpSpec.AdaptiveAvgPool(oh, ow),
        x -> adaptiveAvg(x, oh, ow),
        in -> new Shape(in.get(0), in.get(1), oh, ow));
  }

  private static NDArray adaptiveAvg(NDArray x, int oh, int ow) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    if (h % oh == 0 && w % ow == 0) {
      Shape k = new Shape(h / oh, w / ow);
      return Pool.avgPool2d(x, k, k, new Shape(0, 0), false, true);
    }
    // libtorch's own adaptive_avg_pool2d: one op each way, where averaging per-bin slices costs
    // a zero-filled copy of the whole input per bin in the backward pass (16 for the aux heads'
    // 14×14 → 4×4)
    return JniUtils.adaptiveAvgPool((PtNDArray) x, new Shape(oh, ow));
  }

  /**
   * Local response normalisation across channels, as in AlexNet and the GoogLeNet paper (PyTorch
   * {@code LocalResponseNorm(size, alpha, beta, k)}): b = a / (k + α/n·Σ a²)^β.
   */
  public static Block lrn(int size, float alpha, float beta, float k) {
    return new Op(
        new OpSpec.Lrn(size, alpha, beta, k),
        x -> localResponseNorm(x, size, alpha, beta, k),
        in -> in);
  }

  private static NDArray localResponseNorm(NDArray x, int size, float alpha, float beta, float k) {
    Shape s = x.getShape();
    NDArray sq = x.square().reshape(s.get(0), 1, s.get(1), s.get(2) * s.get(3));
    NDArray avg =
        Pool.avgPool2d(
            sq, new Shape(size, 1), new Shape(1, 1), new Shape(size / 2, 0), false, true);
    NDArray div = Scalars.power(Scalars.plus(Scalars.times(avg.reshape(s), alpha), k), beta);
    return x.div(div);
  }

  public static Block flatten() {
    return new Op(
        new OpSpec.Flatten(),
        x -> x.reshape(x.getShape().get(0), -1),
        in -> new Shape(in.get(0), in.size() / in.get(0)));
  }

  public static Block relu() {
    return new Op(new OpSpec.Relu(), Activation::relu, in -> in);
  }

  /**
   * ReLU that overwrites {@code x}, as torchvision's {@code ReLU(inplace=True)}: no new
   * activation-sized array per layer (DJL's ReLU has no in-place form, so it is a {@link
   * ScriptKernel}). Only for an {@code x} no other layer reads, whose producer's backward pass does
   * not need it and which is not a view (autograd would copy the whole base back): a {@link
   * ConvUnit}'s convolution or batch-norm output. Returns a new handle of the same array.
   */
  static NDArray reluInPlace(NDArray x) {
    return ScriptKernel.of(RELU_IN_PLACE).apply(x);
  }

  private static final String RELU_IN_PLACE =
      """
      def forward(self: __torch__.Kernel,
          x: Tensor) -> Tensor:
        return torch.relu_(x)
      """;

  public static Block identity() {
    return new Op(new OpSpec.Identity(), x -> x, in -> in);
  }

  /**
   * PyTorch's pooling output size: ⌊(n + 2p − k)/s⌋ + 1, or with ceil mode ⌈…⌉ + 1 less one when
   * the last window would start in the right padding. Sizes ≤ 0 mean the input is too small.
   */
  static Shape pooled(Shape in, int k, int s, int p, boolean ceil) {
    return new Shape(
        in.get(0),
        in.get(1),
        pooledSize(in.get(2), k, s, p, ceil),
        pooledSize(in.get(3), k, s, p, ceil));
  }

  /**
   * PyTorch's {@code pooling_output_shape}: in ceil mode a window may hang over the input's end (a
   * 2×2 map takes a 3×3/2 pool and gives 1×1), but never start in the right padding. 0: no output.
   */
  static long pooledSize(long n, int k, int s, int p, boolean ceil) {
    long out = Math.floorDiv(n + 2L * p - (k - 1) - 1 + (ceil ? s - 1 : 0), s) + 1;
    if (ceil && (out - 1) * s >= n + p) {
      out--;
    }
    return Math.max(0, out);
  }

  public static Block dropout(double rate) {
    return Dropout.builder().optRate((float) rate).build();
  }

  public static Block linear(int units) {
    return new AutocastLinear(Linear.builder().setUnits(units));
  }
}
