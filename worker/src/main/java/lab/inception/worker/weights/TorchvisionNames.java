package lab.inception.worker.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.inception.worker.model.Branches;
import lab.inception.worker.model.ConvUnit;
import lab.inception.worker.model.InceptionNet;
import lab.inception.worker.model.NamedSequential;

/**
 * The names torchvision's {@code state_dict} gives our parameters, for the two networks built to
 * equal torchvision's layer by layer: {@code googlenet-tv} ({@code
 * torchvision/models/googlenet.py}) and {@code inception-v3} ({@code
 * torchvision/models/inception.py}).
 *
 * <ul>
 *   <li>A BasicConv2d is {@code NAME.conv.weight} and {@code NAME.bn.weight|bias|running_mean|
 *       running_var} (DJL's BN γ, β, running mean, running variance); {@code
 *       NAME.bn.num_batches_tracked} has no counterpart and is skipped.
 *   <li>Trunk stages keep their names ({@code conv1}, {@code inception3a}; {@code Conv2d_1a_3x3},
 *       {@code Mixed_5b}); pools have no parameters.
 *   <li>GoogLeNet: a module's i-th branch is {@code branchI}; inside a branch the layers are
 *       numbered from 0 as in torchvision's {@code nn.Sequential} (branch 4's max pool is {@code
 *       .0}, its conv {@code .1}); aux heads {@code aux1}/{@code aux2} with {@code conv}, {@code
 *       fc1}, {@code fc2}.
 *   <li>Inception-v3: branch {@code B} is {@code branchB} ({@code pool}: {@code branch_pool}); a
 *       branch of several convolutions numbers them {@code _1}, {@code _2}, …, and the split 1×3 /
 *       3×1 pair of Inception-E is {@code _Na} / {@code _Nb}; the aux head is {@code AuxLogits}
 *       with {@code conv0}, {@code conv1}, {@code fc}.
 *   <li>The classifier is {@code fc}.
 * </ul>
 */
public final class TorchvisionNames {

  /**
   * One parameter and its torchvision name.
   *
   * @param classifier whether it belongs to a logit layer (main or aux), which {@code
   *     --replace-head} gives fresh weights
   * @param aux whether it belongs to an auxiliary head
   */
  public record Entry(String name, Parameter parameter, boolean classifier, boolean aux) {}

  /** The models whose parameters have torchvision names. */
  public static final List<String> MODELS = List.of("googlenet-tv", "inception-v3");

  /** Prefixes of torchvision's auxiliary heads. */
  static final List<String> AUX_PREFIXES = List.of("aux1.", "aux2.", "AuxLogits.");

  private final List<Entry> entries = new ArrayList<>();
  private final List<Block> classifiers;
  private final boolean googlenet;

  private TorchvisionNames(InceptionNet net, boolean googlenet) {
    this.classifiers = net.classifiers();
    this.googlenet = googlenet;
  }

  /**
   * Every parameter of {@code net} (built as {@code model}) with its torchvision name, in
   * torchvision's order.
   *
   * @throws BadWeightsException for a model torchvision has no counterpart of
   */
  public static List<Entry> of(String model, Block net) {
    if (!MODELS.contains(model) || !(net instanceof InceptionNet inet)) {
      throw new BadWeightsException(
          "a torchvision state_dict loads into "
              + String.join(" or ", MODELS)
              + " only, not "
              + model);
    }
    TorchvisionNames n = new TorchvisionNames(inet, model.equals("googlenet-tv"));
    n.network(inet);
    return n.entries;
  }

  private void network(InceptionNet net) {
    for (Pair<String, Block> stage : net.trunk().getChildren()) {
      String name = NamedSequential.displayName(stage.getKey());
      Block b = stage.getValue();
      if (b instanceof ConvUnit u) {
        conv(name, u, false);
      } else if (b instanceof Branches br) {
        module(name, br);
      }
    }
    int k = 1;
    for (Block aux : net.auxHeads().values()) {
      String prefix = googlenet ? "aux" + k++ : "AuxLogits";
      for (Pair<String, Block> c : aux.getChildren()) {
        String part = NamedSequential.displayName(c.getKey());
        if (c.getValue() instanceof ConvUnit u) conv(prefix + "." + part, u, true);
        if (c.getValue() instanceof Linear) linear(prefix + "." + part, c.getValue(), true);
      }
    }
    for (Pair<String, Block> c : net.head().getChildren()) {
      if (c.getValue() instanceof Linear) linear("fc", c.getValue(), false);
    }
  }

  private void module(String name, Branches br) {
    int i = 1;
    for (Pair<String, Block> branch : br.getChildren()) {
      String part = NamedSequential.displayName(branch.getKey());
      if (googlenet) {
        googlenetBranch(name + ".branch" + i++, branch.getValue());
      } else {
        v3Branch(
            name + "." + (part.equals("pool") ? "branch_pool" : "branch" + part),
            branch.getValue());
      }
    }
  }

  /** torchvision's GoogLeNet branch: one BasicConv2d, or an nn.Sequential numbered from 0. */
  private void googlenetBranch(String prefix, Block b) {
    if (b instanceof ConvUnit u) {
      conv(prefix, u, false);
      return;
    }
    int j = 0;
    for (Pair<String, Block> c : b.getChildren()) {
      if (c.getValue() instanceof ConvUnit u) conv(prefix + "." + j, u, false);
      j++;
    }
  }

  /** torchvision's Inception-v3 branch: {@code base}, or {@code base_1}, {@code base_2}, …. */
  private void v3Branch(String base, Block b) {
    if (b instanceof ConvUnit u) {
      conv(base, u, false);
      return;
    }
    List<Block> layers =
        b.getChildren().values().stream()
            .filter(c -> c instanceof ConvUnit || c instanceof Branches)
            .toList();
    if (layers.size() == 1 && layers.get(0) instanceof ConvUnit u) {
      conv(base, u, false);
      return;
    }
    for (int i = 0; i < layers.size(); i++) {
      String name = base + "_" + (i + 1);
      if (layers.get(i) instanceof ConvUnit u) {
        conv(name, u, false);
      } else {
        char ab = 'a';
        for (Block split : layers.get(i).getChildren().values()) {
          conv(name + ab++, (ConvUnit) split, false);
        }
      }
    }
  }

  /** BasicConv2d: {@code .conv.weight}, {@code .bn.weight|bias|running_mean|running_var}. */
  private void conv(String prefix, ConvUnit u, boolean aux) {
    for (Block b : u.getChildren().values()) {
      if (b instanceof Convolution) {
        add(prefix + ".conv.", b, Map.of("weight", "weight", "bias", "bias"), false, aux);
      } else if (b instanceof BatchNorm) {
        add(
            prefix + ".bn.",
            b,
            Map.of(
                "gamma", "weight",
                "beta", "bias",
                "runningMean", "running_mean",
                "runningVar", "running_var"),
            false,
            aux);
      }
    }
  }

  private void linear(String prefix, Block b, boolean aux) {
    boolean classifier = classifiers.contains(b);
    add(prefix + ".", b, Map.of("weight", "weight", "bias", "bias"), classifier, aux);
  }

  private void add(
      String prefix, Block b, Map<String, String> names, boolean classifier, boolean aux) {
    for (Pair<String, Parameter> p : b.getDirectParameters()) {
      String tv = names.get(p.getKey());
      if (tv == null) {
        throw new IllegalStateException("no torchvision name for " + prefix + p.getKey());
      }
      entries.add(new Entry(prefix + tv, p.getValue(), classifier, aux));
    }
  }

  /** Whether a name belongs to one of torchvision's auxiliary heads. */
  static boolean isAux(String name) {
    return AUX_PREFIXES.stream().anyMatch(name::startsWith);
  }

  static boolean isClassifier(String name) {
    return name.startsWith("fc.")
        || name.startsWith("aux1.fc2.")
        || name.startsWith("aux2.fc2.")
        || name.startsWith("AuxLogits.fc.");
  }
}
