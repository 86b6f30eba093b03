package lab.inception.worker.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The convolution units that open several branches of one inception module, alike but for their
 * filter counts (GoogLeNet's 1×1 branch and its 3×3 and 5×5 reductions; the naive torchvision
 * module's two 3×3 branches), run as one unit with their filters side by side: one convolution over
 * the module's input with the weights concatenated along the output channels, one batch norm over
 * all their channels, one ReLU, then a split into each branch's channels. Every output channel is
 * its own sum over the same input window and batch norm's statistics are per channel, so each
 * branch gets what its own unit would have computed (to float rounding), its weights and γ, β the
 * gradients they would have had, and its running statistics the same update. The input is read once
 * and its gradient comes back as one array, where three units read it three times and autograd
 * summed three gradients.
 *
 * <p>The whole unit is one {@link ScriptKernel} call (one per unit count, configuration and mode),
 * so the step crosses from Java into libtorch once where the separate units crossed nine times. The
 * units stay the parameters' owners: the kernel concatenates their arrays on every call (autograd
 * splits the gradients back) and copies the running statistics batch norm updated back into each
 * unit's own arrays.
 */
final class SiblingUnits {

  private static final ConcurrentMap<String, ScriptKernel> KERNELS = new ConcurrentHashMap<>();

  private final List<ConvUnit> units;

  /**
   * @param units at least two units {@link ConvUnit#sameLayer alike} but for their filter counts
   */
  SiblingUnits(List<ConvUnit> units) {
    if (units.size() < 2) throw new IllegalArgumentException("fewer than two units: " + units);
    for (ConvUnit u : units) {
      if (!u.sameLayer(units.get(0))) {
        throw new IllegalArgumentException(
            "not a layer like " + units.get(0).label() + ": " + u.label());
      }
    }
    this.units = List.copyOf(units);
  }

  /** The units, in the order of their outputs. */
  List<ConvUnit> units() {
    return units;
  }

  /** Each unit's output on {@code x}, in the order of {@link #units}. */
  NDList forward(ParameterStore ps, NDArray x, boolean training) {
    Device d = x.getDevice();
    List<ConvUnit.Arrays> arrays = new ArrayList<>(units.size());
    for (ConvUnit u : units) arrays.add(u.arrays(ps, d, training));
    NDList in = new NDList();
    in.add(x);
    for (ConvUnit.Arrays a : arrays) in.add(a.weight());
    ConvUnit first = units.get(0);
    if (first.hasBias()) for (ConvUnit.Arrays a : arrays) in.add(a.bias());
    if (first.hasBatchNorm()) {
      for (ConvUnit.Arrays a : arrays) in.add(a.gamma());
      for (ConvUnit.Arrays a : arrays) in.add(a.beta());
      for (ConvUnit.Arrays a : arrays) in.add(a.runningMean());
      for (ConvUnit.Arrays a : arrays) in.add(a.runningVar());
    }
    Precision precision = Autocast.current();
    long[] sizes = units.stream().mapToLong(ConvUnit::filters).toArray();
    String source = source(first, sizes, training, precision);
    return KERNELS.computeIfAbsent(source, ScriptKernel::of).applyAll(in);
  }

  /** The kernel's TorchScript for these units' configuration, sizes, mode and precision. */
  static String source(ConvUnit like, long[] sizes, boolean training, Precision precision) {
    int n = sizes.length;
    StringBuilder s = new StringBuilder("def forward(self: __torch__.Kernel,\n    x: Tensor");
    List<String> groups = new ArrayList<>(List.of("w"));
    if (like.hasBias()) groups.add("b");
    if (like.hasBatchNorm()) groups.addAll(List.of("g", "be", "m", "v"));
    for (String g : groups)
      for (int i = 0; i < n; i++) s.append(",\n    ").append(g + i).append(": Tensor");
    s.append(") -> List[Tensor]:\n");
    for (String g : groups)
      s.append("  ").append(g).append(" = torch.cat(").append(names(g, n)).append(", 0)\n");
    boolean bf16 = precision == Precision.BF16;
    String cast = bf16 ? Autocast.BF16 : "%s";
    s.append("  y = torch.conv2d(")
        .append(cast.formatted("x"))
        .append(", ")
        .append(cast.formatted("w"))
        .append(", ")
        .append(like.hasBias() ? cast.formatted("b") : "None")
        .append(", ")
        .append(like.convGeometry())
        .append(")\n");
    if (like.hasBatchNorm()) {
      s.append("  y = torch.batch_norm(y, g, be, m, v, ")
          .append(training ? "True" : "False")
          .append(", ")
          .append(ConvUnit.libtorchMomentum())
          .append(", ")
          .append((double) like.epsilon())
          .append(", True)\n");
      if (training) {
        long at = 0;
        for (int i = 0; i < n; i++) {
          long end = at + sizes[i];
          s.append(
              "  _m%d = torch.copy_(m%d, torch.slice(m, 0, %d, %d))\n".formatted(i, i, at, end));
          s.append(
              "  _v%d = torch.copy_(v%d, torch.slice(v, 0, %d, %d))\n".formatted(i, i, at, end));
          at = end;
        }
      }
    }
    if (like.hasRelu()) s.append("  y = torch.relu_(y)\n");
    StringJoiner list = new StringJoiner(", ", "[", "]");
    for (long size : sizes) list.add(Long.toString(size));
    s.append("  return torch.split_with_sizes(y, ").append(list).append(", 1)\n");
    return s.toString();
  }

  private static String names(String group, int n) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < n; i++) j.add(group + i);
    return j.toString();
  }
}
