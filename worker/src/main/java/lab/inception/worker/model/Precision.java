package lab.inception.worker.model;

import java.util.List;

/**
 * The arithmetic a network's convolutions and linear layers run in. {@link #BF16} is autocast-style
 * mixed precision: those layers compute in bfloat16 from fp32 master weights (cast on the way in,
 * their gradients flowing back to fp32), the activations between them stay bfloat16, and batch
 * norm's parameters and statistics, the logits and the loss stay fp32.
 */
public enum Precision {
  FP32,
  BF16;

  /** The name a trial and the CLI use: {@code fp32}, {@code bf16}. */
  public String label() {
    return Labels.of(this);
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labels.all(Precision.class);
  }

  /**
   * The precision a label names.
   *
   * @throws IllegalArgumentException naming the label and the choices
   */
  public static Precision parse(String label) {
    return Labels.parse(Precision.class, "precision", label);
  }
}
