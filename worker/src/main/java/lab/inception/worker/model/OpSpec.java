package lab.inception.worker.model;

/**
 * What a parameter-free {@link Op} computes, as data: the pooling geometry, the LRN constants. The
 * ONNX export reads it to write the matching operator (ONNX {@code MaxPool}, {@code AveragePool},
 * {@code LRN}, … as specified in onnx/docs/Operators.md); the cost table and the graph use only
 * {@link #kind()}.
 */
public sealed interface OpSpec {

  /** The name tables and graphs show ({@link Layers#MAX_POOL}, …). */
  String kind();

  /** k×k max pooling, stride s, padding p on every side, PyTorch's ceil mode or floor. */
  record MaxPool(int k, int s, int p, boolean ceil) implements OpSpec {
    public String kind() {
      return Layers.MAX_POOL;
    }
  }

  /** k×k average pooling, stride s, padding p; whether padded cells count in the divisor. */
  record AvgPool(int k, int s, int p, boolean countPad) implements OpSpec {
    public String kind() {
      return Layers.AVG_POOL;
    }
  }

  /** Average over all positions, N×C×H×W → N×C. */
  record GlobalAvgPool() implements OpSpec {
    public String kind() {
      return Layers.AVG_POOL;
    }
  }

  /** PyTorch's {@code AdaptiveAvgPool2d((oh, ow))}. */
  record AdaptiveAvgPool(int oh, int ow) implements OpSpec {
    public String kind() {
      return Layers.AVG_POOL;
    }
  }

  /** Local response normalisation across {@code size} channels: a / (k + α/n·Σ a²)^β. */
  record Lrn(int size, float alpha, float beta, float k) implements OpSpec {
    public String kind() {
      return Layers.LRN;
    }
  }

  /** N×… → N×(product of the rest). */
  record Flatten() implements OpSpec {
    public String kind() {
      return Layers.FLATTEN;
    }
  }

  record Relu() implements OpSpec {
    public String kind() {
      return Layers.RELU;
    }
  }

  record Identity() implements OpSpec {
    public String kind() {
      return Layers.IDENTITY;
    }
  }
}
