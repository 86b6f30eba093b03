package lab.inception.worker.model;

import ai.djl.nn.Block;

/**
 * Building parts shared by the Inception-v3, Inception-v4 and Inception-ResNet families: batch-norm
 * convolutions with "same" padding (square or factorised 1×n / n×1), the stride-2 "valid" grid
 * reductions, the pools of the reference implementations, and Reduction-A (Szegedy et al. 2016,
 * Figure 7, whose widths k, l, m, n Table 1 gives per network).
 */
final class InceptionParts {
  private InceptionParts() {}

  /** k_h×k_w conv + BN + ReLU at stride 1 with "same" padding; {@code filters} already scaled. */
  static ConvUnit same(int filters, int kh, int kw) {
    return ConvUnit.bn(filters, kh, kw, 1, kh / 2, kw / 2);
  }

  /** k×k conv + BN + ReLU at stride 2 without padding (the papers' "stride 2 V"). */
  static ConvUnit valid2(int filters, int k) {
    return ConvUnit.bn(filters, k, k, 2, 0, 0);
  }

  /** k×k conv + BN + ReLU at stride 1 without padding (the papers' "V"). */
  static ConvUnit valid(int filters, int k) {
    return ConvUnit.bn(filters, k, k, 1, 0, 0);
  }

  /**
   * 3×3/2 max pooling without padding, floor mode (torchvision and timm {@code MaxPool2d(3, 2)}).
   */
  static Block maxPool3s2() {
    return Layers.maxPool(3, 2, 0, false);
  }

  /**
   * k×k average pooling that divides by the number of real pixels under the window (PyTorch {@code
   * AvgPool2d(count_include_pad=False)}), as timm's Inception-v4 and Inception-ResNet-v2.
   *
   * <p>DJL 0.36's PyTorch engine ignores {@code countIncludePad = false} (a 3×3/1 pool padded by 1
   * of a 3×3 map of ones gives 4/9 in the corner either way; found by the ONNX export test against
   * ONNX Runtime), so the pool is libtorch's own {@code avg_pool2d} with {@code
   * count_include_pad=False}, called as a {@link ScriptKernel}.
   */
  static Block avgPoolExcludingPad(int k, int s, int p) {
    String kernel =
        """
        def forward(self: __torch__.Kernel,
            x: Tensor) -> Tensor:
          return torch.avg_pool2d(x, [%d, %d], [%d, %d], [%d, %d], False, False, None)
        """
            .formatted(k, k, s, s, p, p);
    return new Op(
        new OpSpec.AvgPool(k, s, p, false),
        x -> ScriptKernel.of(kernel).apply(x),
        in -> Layers.pooled(in, k, s, p, false));
  }

  static Block seq(Block... blocks) {
    return Chain.of(blocks);
  }

  /**
   * Reduction-A (Figure 7): 3×3/2 max pool (passes its input through); 3×3/2 conv n; 1×1 k → 3×3 l
   * → 3×3/2 m. Widths already scaled; the output has {@code in + n + m} channels.
   */
  static Branches reductionA(int k, int l, int m, int n) {
    return new Branches()
        .branch("3x3", valid2(n, 3))
        .branch("3x3dbl", seq(same(k, 1, 1), same(l, 3, 3), valid2(m, 3)))
        .branch("pool", maxPool3s2());
  }

  /** The classifier: global average pool, dropout, fully connected to {@code classes}. */
  static Block head(double dropout, int classes) {
    NamedSequential h = new NamedSequential().add("avgpool", Layers.globalAvgPool());
    if (dropout > 0) {
      h.add("dropout", Layers.dropout(dropout));
    }
    return h.add("fc", Layers.linear(classes));
  }
}
