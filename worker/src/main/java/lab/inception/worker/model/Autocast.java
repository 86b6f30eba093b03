package lab.inception.worker.model;

/**
 * The precision this thread's forward passes run in, as PyTorch's {@code torch.autocast} scopes it:
 * {@code try (Autocast a = Autocast.enter(Precision.BF16)) { ... }}. The zoo's convolution and
 * linear layers ({@link AutocastConv2d}, {@link AutocastLinear}) read it; everything else runs on
 * whatever type reaches it (batch norm, pools, concatenation and ReLU take bfloat16 input).
 *
 * <p>DJL 0.36 cannot cast to bfloat16 itself ({@code toType(BFLOAT16)} aborts the JVM in its JNI
 * type table), so the bfloat16 layers run as small TorchScript kernels, one per layer shape,
 * ({@link ScriptKernel}s) loaded once per process; autograd runs through them as through any
 * libtorch operator. DJL reports their bfloat16 outputs as {@code DataType.UNKNOWN}.
 */
public final class Autocast implements AutoCloseable {

  private static final ThreadLocal<Precision> MODE = ThreadLocal.withInitial(() -> Precision.FP32);

  private final Precision previous;

  private Autocast(Precision previous) {
    this.previous = previous;
  }

  /** Runs this thread's forward passes in {@code p} until the returned scope closes. */
  public static Autocast enter(Precision p) {
    Autocast scope = new Autocast(MODE.get());
    MODE.set(p);
    return scope;
  }

  /** The precision of this thread's forward passes now. */
  public static Precision current() {
    return MODE.get();
  }

  @Override
  public void close() {
    MODE.set(previous);
  }

  /**
   * The kernel of a 2-D convolution in bfloat16: input, weight and bias cast to bfloat16, a
   * bfloat16 output. One per layer shape, loaded on first use.
   */
  static ScriptKernel conv2d(
      boolean bias, long[] stride, long[] padding, long[] dilation, int groups) {
    String body =
        "  return torch.conv2d("
            + castArguments(bias)
            + ", "
            + list(stride)
            + ", "
            + list(padding)
            + ", "
            + list(dilation)
            + ", "
            + groups
            + ")\n";
    return ScriptKernel.of(forward(bias, body));
  }

  /**
   * The kernel of a linear layer in bfloat16 with an fp32 output (the logits, or the input of the
   * next layer).
   */
  static ScriptKernel linear(boolean bias) {
    String body =
        "  y = torch.linear("
            + castArguments(bias)
            + ")\n"
            + "  return torch.to(y, "
            + FLOAT32_CODE
            + ")\n";
    return ScriptKernel.of(forward(bias, body));
  }

  /** {@code forward(x, w[, b])} with this body. */
  private static String forward(boolean bias, String body) {
    return "def forward(self: __torch__.Kernel,\n    x: Tensor,\n    w: Tensor"
        + (bias ? ",\n    b: Tensor" : "")
        + ") -> Tensor:\n"
        + body;
  }

  /** x, w and b (or None) cast to bfloat16, as a call's first three arguments. */
  private static String castArguments(boolean bias) {
    return BF16.formatted("x")
        + ", "
        + BF16.formatted("w")
        + ", "
        + (bias ? BF16.formatted("b") : "None");
  }

  /** TorchScript's {@code ScalarType} codes (c10's numbering, which serialized code uses). */
  private static final int BFLOAT16_CODE = 15;

  private static final int FLOAT32_CODE = 6;

  /** A format that casts its argument to bfloat16 in TorchScript. */
  static final String BF16 = "torch.to(%s, " + BFLOAT16_CODE + ")";

  private static String list(long[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(v[i]);
    return b.append(']').toString();
  }
}
