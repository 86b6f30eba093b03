package lab.inception.worker.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a torchvision state_dict into an initialised network, all or nothing: every parameter is
 * matched by its torchvision name ({@link TorchvisionNames}) and shape before any is written.
 *
 * <ul>
 *   <li>A parameter the file lacks, a tensor of another shape or type, or a tensor of the file that
 *       no parameter takes is an error naming it.
 *   <li>Accepted without a counterpart: BN's {@code num_batches_tracked}, and the aux heads'
 *       tensors when the network is built without aux heads (they run only in training).
 *   <li>With {@code replaceHead} the logit layers ({@code fc}, {@code aux1.fc2}, {@code aux2.fc2},
 *       {@code AuxLogits.fc}) keep their fresh initialisation and the file's are ignored; aux heads
 *       the file lacks are fresh too.
 * </ul>
 */
public final class StateDictLoader {
  private StateDictLoader() {}

  /**
   * @param source how to name the file in messages
   * @return how many parameters were loaded
   * @throws BadWeightsException on the first mismatch, before anything is written
   */
  public static int load(
      Block net,
      String model,
      Map<String, HostTensor> file,
      boolean replaceHead,
      String source,
      PrintStream log) {
    List<TorchvisionNames.Entry> entries;
    try {
      entries = TorchvisionNames.of(model, net);
    } catch (BadWeightsException e) {
      throw new BadWeightsException(source + ": " + e.getMessage());
    }
    boolean netHasAux = entries.stream().anyMatch(TorchvisionNames.Entry::aux);
    Set<String> taken = new HashSet<>();
    List<TorchvisionNames.Entry> load = new ArrayList<>();
    int fresh = 0;
    for (TorchvisionNames.Entry e : entries) {
      HostTensor t = file.get(e.name());
      taken.add(e.name());
      if (replaceHead && (e.classifier() || (e.aux() && t == null))) {
        fresh++;
        continue;
      }
      NDArray target = e.parameter().getArray();
      long[] want = target.getShape().getShape();
      if (t == null) {
        throw new BadWeightsException(
            source + ": tensor " + e.name() + " is not in the file" + hint(file));
      }
      if (!Arrays.equals(t.shape(), want) || !t.isFloating()) {
        throw new BadWeightsException(
            source
                + ": tensor "
                + e.name()
                + " is "
                + t.dtype()
                + " "
                + t.shapeText()
                + " in the file, "
                + model
                + " has F32 "
                + Arrays.toString(want)
                + (e.classifier()
                    ? " (another class count? train with --replace-head for a new classifier)"
                    : ""));
      }
      load.add(e);
    }
    for (String name : file.keySet()) {
      boolean ok =
          taken.contains(name)
              || name.endsWith(".num_batches_tracked")
              || (!netHasAux && TorchvisionNames.isAux(name))
              || (replaceHead && TorchvisionNames.isClassifier(name));
      if (!ok) {
        throw new BadWeightsException(
            source + ": tensor " + name + " in the file has no counterpart in " + model);
      }
    }
    for (TorchvisionNames.Entry e : load) {
      e.parameter().getArray().set(file.get(e.name()).floats());
    }
    log.println(
        "init-from: loaded "
            + load.size()
            + " tensors of a torchvision state_dict from "
            + source
            + (fresh > 0 ? ", " + fresh + " new (replaced head)" : ""));
    return load.size();
  }

  private static String hint(Map<String, HostTensor> file) {
    return file.isEmpty()
        ? " (the file holds no tensors)"
        : " (its first tensor is " + file.keySet().iterator().next() + ": another architecture?)";
  }
}
