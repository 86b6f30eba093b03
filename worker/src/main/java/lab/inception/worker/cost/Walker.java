package lab.inception.worker.cost;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.inception.worker.model.Branches;
import lab.inception.worker.model.ConvUnit;
import lab.inception.worker.model.InceptionNet;
import lab.inception.worker.model.NamedSequential;
import lab.inception.worker.model.Op;

/**
 * Walks a block tree on an input shape: output shape, trainable parameters and MACs of every node.
 * A pure function of the block and the shape; every layer's output is checked to be non-empty so an
 * input too small for a network is caught here, with the layer named.
 */
final class Walker {

  /** An input too small for some layer. */
  static final class TooSmallException extends RuntimeException {
    TooSmallException(String message) {
      super(message);
    }
  }

  LayerNode walk(String name, Block block, Shape in) {
    if (block instanceof InceptionNet net) {
      return network(name, net, in);
    }
    if (block instanceof ConvUnit unit) {
      Shape out = out(name, block, in);
      ParameterShapes.prepare(block, in);
      Convolution conv = (Convolution) unit.getChildren().get(0).getValue();
      return leaf(name, "conv", unit.label(), block, out, convMacs(conv, in, out));
    }
    if (block instanceof Convolution conv) {
      Shape out = out(name, block, in);
      ParameterShapes.prepare(block, in);
      return leaf(name, "conv", "conv", block, out, convMacs(conv, in, out));
    }
    if (block instanceof Linear) {
      Shape out = out(name, block, in);
      ParameterShapes.prepare(block, in);
      return leaf(
          name,
          "linear",
          "fc " + out.get(1),
          block,
          out,
          Math.multiplyExact(in.get(1), out.get(1)));
    }
    if (block instanceof ParallelBlock par) {
      return parallel(name, par, in);
    }
    if (block instanceof SequentialBlock seq) {
      return sequence(name, seq, in);
    }
    if (!block.getChildren().isEmpty()) {
      throw new IllegalStateException(
          "cost analysis cannot walk " + block.getClass().getName() + " (" + name + ")");
    }
    String kind =
        block instanceof Op op
            ? op.kind()
            : block instanceof LambdaBlock lambda
                ? lambda.getName()
                : block.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    Shape out = out(name, block, in);
    ParameterShapes.prepare(block, in);
    return leaf(name, kind, kind, block, out, 0);
  }

  private LayerNode network(String name, InceptionNet net, Shape in) {
    List<LayerNode> stages = new ArrayList<>();
    Shape x = in;
    for (Pair<String, Block> stage : net.trunk().getChildren()) {
      LayerNode node = walk(NamedSequential.displayName(stage.getKey()), stage.getValue(), x);
      stages.add(node);
      x = withBatch(node.outputShape());
    }
    LayerNode head = walk("head", net.head(), x);
    stages.add(head);
    return composite(name, "network", stages, null, head.outputShape());
  }

  /** The auxiliary heads of a network, each walked on the output of the stage it reads. */
  List<AuxHead> auxHeads(InceptionNet net, Shape in) {
    List<AuxHead> heads = new ArrayList<>();
    Shape x = in;
    int i = 1;
    for (Pair<String, Block> stage : net.trunk().getChildren()) {
      x = out(stage.getKey(), stage.getValue(), x);
      String tap = NamedSequential.displayName(stage.getKey());
      Block aux = net.auxHeads().get(tap);
      if (aux != null) {
        heads.add(new AuxHead(tap, walk("aux" + i++, aux, x)));
      }
    }
    return heads;
  }

  private LayerNode sequence(String name, SequentialBlock seq, Shape in) {
    List<LayerNode> children = new ArrayList<>();
    Shape x = in;
    for (Pair<String, Block> child : seq.getChildren()) {
      LayerNode node = walk(childName(child, children.size()), child.getValue(), x);
      children.add(node);
      x = withBatch(node.outputShape());
    }
    return composite(name, "sequential", children, null, dims(x));
  }

  /**
   * A child's given name, or — for children added without one, which DJL names after their class —
   * a name from what the layer is ({@code conv3x3}, {@code maxpool}), unique by position.
   */
  private static String childName(Pair<String, Block> child, int index) {
    String name = NamedSequential.displayName(child.getKey());
    Block b = child.getValue();
    if (!name.equals(b.getClass().getSimpleName())) {
      return name;
    }
    String what;
    if (b instanceof ConvUnit unit) {
      what = unit.kernel();
    } else if (b instanceof Op op) {
      what = op.kind();
    } else if (b instanceof LambdaBlock lambda) {
      what = lambda.getName();
    } else {
      what = name.toLowerCase(Locale.ROOT);
    }
    return what + "_" + (index + 1);
  }

  private LayerNode parallel(String name, ParallelBlock par, Shape in) {
    List<LayerNode> branches = new ArrayList<>();
    for (Pair<String, Block> child : par.getChildren()) {
      branches.add(walk(childName(child, branches.size()), child.getValue(), in));
    }
    Shape out = out(name, par, in);
    boolean concat = par instanceof Branches;
    return composite(
        name, concat ? "module" : "parallel", branches, concat ? "concat" : "merge", dims(out));
  }

  private static LayerNode composite(
      String name, String kind, List<LayerNode> children, String merge, long[] out) {
    long params = children.stream().mapToLong(LayerNode::params).reduce(0, Math::addExact);
    long macs = children.stream().mapToLong(LayerNode::macs).reduce(0, Math::addExact);
    return new LayerNode(name, kind, kind, out, params, macs, List.copyOf(children), merge);
  }

  private static LayerNode leaf(
      String name, String kind, String label, Block block, Shape out, long macs) {
    return new LayerNode(name, kind, label, dims(out), trainable(block), macs, List.of(), null);
  }

  /** k_h·k_w·(C_in/groups)·C_out·H_out·W_out (INTERFACE.md); ArithmeticException on overflow. */
  private static long convMacs(Convolution conv, Shape in, Shape out) {
    Shape k = conv.getKernelShape();
    long m = Math.multiplyExact(k.get(0), k.get(1));
    m = Math.multiplyExact(m, in.get(1) / conv.getGroups());
    m = Math.multiplyExact(m, out.get(1));
    m = Math.multiplyExact(m, out.get(2));
    return Math.multiplyExact(m, out.get(3));
  }

  /** Trainable parameters; BN running statistics are excluded as PyTorch counts. */
  static long trainable(Block block) {
    long n = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (param.requiresGradient() && param.getShape() != null) {
        long size = 1;
        for (long d : param.getShape().getShape()) size = Math.multiplyExact(size, d);
        n = Math.addExact(n, size);
      }
    }
    return n;
  }

  private static Shape out(String name, Block block, Shape in) {
    Shape out;
    try {
      out = block.getOutputShapes(new Shape[] {in})[0];
    } catch (ai.djl.engine.EngineException | IllegalArgumentException e) {
      throw new TooSmallException(name + " cannot take input " + describe(in));
    }
    for (long d : out.getShape()) {
      if (d <= 0) {
        throw new TooSmallException(name + " gets input " + describe(in) + " and outputs nothing");
      }
    }
    return out;
  }

  static String describe(Shape s) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < s.dimension(); i++) {
      b.append(i > 1 ? "×" : "").append(s.get(i));
    }
    return b.toString();
  }

  private static long[] dims(Shape s) {
    long[] all = s.getShape();
    long[] d = new long[all.length - 1];
    System.arraycopy(all, 1, d, 0, d.length);
    return d;
  }

  private static Shape withBatch(long[] dims) {
    long[] all = new long[dims.length + 1];
    all[0] = 1;
    System.arraycopy(dims, 0, all, 1, dims.length);
    return new Shape(all);
  }
}
