package lab.inception.worker.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.inception.worker.model.Branches;
import lab.inception.worker.model.ConvUnit;
import lab.inception.worker.model.InceptionNet;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.NamedSequential;
import lab.inception.worker.model.Op;
import lab.inception.worker.model.OpSpec;
import lab.inception.worker.model.Residual;
import lab.inception.worker.onnx.OnnxGraph.FloatAttr;
import lab.inception.worker.onnx.OnnxGraph.IntAttr;
import lab.inception.worker.onnx.OnnxGraph.IntsAttr;

/**
 * Writes an initialised network of the zoo in inference mode as an ONNX model (opset {@value
 * OnnxGraph#OPSET}): auxiliary heads left out (they run only in training), dropout removed, batch
 * norm as {@code BatchNormalization} nodes with the running statistics (not folded, so the file
 * keeps every trained tensor). Operators as specified in onnx/docs/Operators.md: {@code Conv},
 * {@code BatchNormalization}, {@code Relu}, {@code MaxPool} and {@code AveragePool} (PyTorch's ceil
 * mode and count_include_pad as attributes), {@code GlobalAveragePool}, {@code LRN}, {@code
 * Flatten}, {@code Gemm}, {@code Concat}, {@code Mul}, {@code Add}.
 *
 * <p>Node names are the layers' paths in the network ({@code inception3a/3x3/2/conv}: stage,
 * branch, position in the branch, layer); a layer's tensors are named after its node ({@code
 * inception3a/3x3/2/conv.weight}). The input is {@value #INPUT}, N×C×H×W float32; the output is
 * {@value #LOGITS}, N×classes (a single block's output is {@value #FEATURES}, N×C×H×W).
 */
public final class OnnxExporter {
  public static final String INPUT = "input";
  public static final String LOGITS = "logits";
  public static final String FEATURES = "features";
  public static final String BATCH = "batch";

  /** A tensor of the graph and its shape (batch 1) while the network is walked. */
  private record T(String name, Shape shape) {}

  private final OnnxGraph g;

  private OnnxExporter(String name) {
    this.g = new OnnxGraph(name);
  }

  /**
   * The ONNX model of an initialised block built from {@code cfg}.
   *
   * @param dynamicBatch whether the batch dimension is a symbol ({@value #BATCH}) or fixed at 1
   * @throws IllegalArgumentException naming a layer ONNX export cannot write
   */
  public static OnnxModel export(Block block, ModelConfig cfg, boolean dynamicBatch) {
    OnnxExporter e = new OnnxExporter(cfg.model());
    Shape in = new Shape(1, cfg.channels(), cfg.height(), cfg.width());
    long n = dynamicBatch ? -1 : 1;
    String inDoc =
        "images, N×C×H×W float32 (N "
            + (dynamicBatch ? "any" : "1")
            + "), normalised as for training";
    e.g.input(new OnnxGraph.Value(INPUT, dims(n, in), BATCH, inDoc));
    T out = e.emit("", block, new T(INPUT, in));
    boolean network = block instanceof InceptionNet;
    String outName = network ? LOGITS : FEATURES;
    String outDoc =
        network
            ? "class scores before softmax, N×" + out.shape().get(1)
            : "the module's concatenated branch outputs, N×C×H×W";
    e.g
        .nodes()
        .add(new OnnxGraph.Node(outName, "Identity", List.of(out.name()), outName, List.of()));
    e.g.output(new OnnxGraph.Value(outName, dims(n, out.shape()), BATCH, outDoc));
    String doc =
        cfg.model()
            + " "
            + cfg.channels()
            + "x"
            + cfg.height()
            + "x"
            + cfg.width()
            + " classes "
            + cfg.classes()
            + " width "
            + cfg.widthMultiplier()
            + " stem "
            + cfg.stem().label()
            + " block "
            + cfg.block().label()
            + "; inference mode: no aux heads, no dropout";
    byte[] bytes = e.g.toModelProto("0.1.0", doc);
    return new OnnxModel(
        bytes,
        e.g.nodes().size(),
        e.g.parameterCount(),
        dims(n, in),
        dims(n, out.shape()),
        outName);
  }

  private static long[] dims(long batch, Shape s) {
    long[] d = s.getShape().clone();
    d[0] = batch;
    return d;
  }

  private T emit(String path, Block b, T x) {
    if (b instanceof InceptionNet net) return network(net, x);
    if (b instanceof ConvUnit u) return convUnit(path, u, x);
    if (b instanceof Residual r) return residual(path, r, x);
    if (b instanceof Branches br) return branches(path, br, x);
    if (b instanceof SequentialBlock seq) return sequence(path, seq, x);
    if (b instanceof Linear) return linear(path, b, x);
    if (b instanceof Dropout) return x;
    if (b instanceof Op op) return op(path, op, x);
    throw new IllegalArgumentException(
        "ONNX export cannot write " + b.getClass().getSimpleName() + " (" + path + ")");
  }

  /** The trunk's stages, then the head; the aux heads are training-only and left out. */
  private T network(InceptionNet net, T x) {
    T cur = x;
    for (Pair<String, Block> stage : net.trunk().getChildren()) {
      cur = emit(NamedSequential.displayName(stage.getKey()), stage.getValue(), cur);
    }
    return emit("head", net.head(), cur);
  }

  private T sequence(String path, SequentialBlock seq, T x) {
    boolean named = seq instanceof NamedSequential;
    T cur = x;
    int i = 1;
    for (Pair<String, Block> c : seq.getChildren()) {
      String part = named ? NamedSequential.displayName(c.getKey()) : Integer.toString(i);
      cur = emit(join(path, part), c.getValue(), cur);
      i++;
    }
    return cur;
  }

  /** Every branch on the same input, concatenated along the channels. */
  private T branches(String path, Branches br, T x) {
    List<String> outs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long channels = 0;
    Shape last = null;
    for (Pair<String, Block> c : br.getChildren()) {
      String part = NamedSequential.displayName(c.getKey());
      String unique = part;
      for (int k = 2; !seen.add(unique); k++) unique = part + "_" + k;
      T o = emit(join(path, unique), c.getValue(), x);
      outs.add(o.name());
      channels += o.shape().get(1);
      last = o.shape();
    }
    Shape s = new Shape(1, channels, last.get(2), last.get(3));
    return new T(g.node(join(path, "concat"), "Concat", outs, new IntAttr("axis", 1)), s);
  }

  /** relu(x + scale · body(x)), or without the ReLU (Residual's Javadoc). */
  private T residual(String path, Residual r, T x) {
    T body = emit(join(path, "body"), r.getChildren().get(0).getValue(), x);
    String scale = g.floats(join(path, "scale"), new long[0], new float[] {(float) r.scale()});
    String scaled = g.node(join(path, "mul"), "Mul", List.of(body.name(), scale));
    String sum = g.node(join(path, "add"), "Add", List.of(scaled, x.name()));
    String out = r.relu() ? g.node(join(path, "relu"), "Relu", List.of(sum)) : sum;
    return new T(out, x.shape());
  }

  /** Conv, then batch norm and ReLU where the unit has them. */
  private T convUnit(String path, ConvUnit u, T x) {
    T cur = x;
    for (Pair<String, Block> c : u.getChildren()) {
      Block b = c.getValue();
      if (b instanceof Convolution conv) {
        cur = conv(join(path, "conv"), conv, cur);
      } else if (b instanceof BatchNorm) {
        cur = batchNorm(join(path, "bn"), b, u.epsilon(), cur);
      } else {
        cur = emit(join(path, "relu"), b, cur);
      }
    }
    return cur;
  }

  private T conv(String name, Convolution conv, T x) {
    List<String> in = new ArrayList<>(List.of(x.name(), tensor(name, conv, "weight")));
    if (conv.isIncludeBias()) in.add(tensor(name, conv, "bias"));
    Shape k = conv.getKernelShape();
    Shape s = conv.getStride();
    Shape p = conv.getPadding();
    Shape d = conv.getDilation();
    String out =
        g.node(
            name,
            "Conv",
            in,
            new IntsAttr("kernel_shape", k.getShape()),
            new IntsAttr("strides", s.getShape()),
            new IntsAttr("pads", p.get(0), p.get(1), p.get(0), p.get(1)),
            new IntsAttr("dilations", d.getShape()),
            new IntAttr("group", conv.getGroups()));
    return new T(out, conv.getOutputShapes(new Shape[] {x.shape()})[0]);
  }

  private T batchNorm(String name, Block bn, float epsilon, T x) {
    List<String> in =
        List.of(
            x.name(),
            tensor(name, bn, "gamma", "scale"),
            tensor(name, bn, "beta", "bias"),
            tensor(name, bn, "runningMean", "mean"),
            tensor(name, bn, "runningVar", "var"));
    String out = g.node(name, "BatchNormalization", in, new FloatAttr("epsilon", epsilon));
    return new T(out, x.shape());
  }

  /** y = x·Wᵀ + b (DJL's weight is out×in, as PyTorch's). */
  private T linear(String name, Block lin, T x) {
    List<String> in = List.of(x.name(), tensor(name, lin, "weight"), tensor(name, lin, "bias"));
    String out = g.node(name, "Gemm", in, new IntAttr("transB", 1));
    return new T(out, lin.getOutputShapes(new Shape[] {x.shape()})[0]);
  }

  private T op(String path, Op op, T x) {
    OpSpec spec = op.spec();
    Shape out = op.getOutputShapes(new Shape[] {x.shape()})[0];
    if (spec instanceof OpSpec.Identity) return x;
    if (spec instanceof OpSpec.Relu) return new T(g.node(path, "Relu", List.of(x.name())), out);
    if (spec instanceof OpSpec.Flatten) {
      return new T(g.node(path, "Flatten", List.of(x.name()), new IntAttr("axis", 1)), out);
    }
    if (spec instanceof OpSpec.MaxPool m) {
      IntAttr ceil = new IntAttr("ceil_mode", m.ceil() ? 1 : 0);
      return new T(pool(path, "MaxPool", x, m.k(), m.k(), m.s(), m.s(), m.p(), ceil), out);
    }
    if (spec instanceof OpSpec.AvgPool a) {
      IntAttr count = new IntAttr("count_include_pad", a.countPad() ? 1 : 0);
      return new T(pool(path, "AveragePool", x, a.k(), a.k(), a.s(), a.s(), a.p(), count), out);
    }
    if (spec instanceof OpSpec.GlobalAvgPool) {
      String pooled = g.node(join(path, "pool"), "GlobalAveragePool", List.of(x.name()));
      return new T(g.node(path, "Flatten", List.of(pooled), new IntAttr("axis", 1)), out);
    }
    if (spec instanceof OpSpec.AdaptiveAvgPool a
        && x.shape().get(2) % a.oh() == 0
        && x.shape().get(3) % a.ow() == 0) {
      int kh = (int) (x.shape().get(2) / a.oh());
      int kw = (int) (x.shape().get(3) / a.ow());
      IntAttr count = new IntAttr("count_include_pad", 1);
      return new T(pool(path, "AveragePool", x, kh, kw, kh, kw, 0, count), out);
    }
    if (spec instanceof OpSpec.Lrn l) {
      return new T(
          g.node(
              path,
              "LRN",
              List.of(x.name()),
              new IntAttr("size", l.size()),
              new FloatAttr("alpha", l.alpha()),
              new FloatAttr("beta", l.beta()),
              new FloatAttr("bias", l.k())),
          out);
    }
    throw new IllegalArgumentException(
        "ONNX export cannot write the layer " + path + " (" + op.kind() + " " + spec + ")");
  }

  /** A kh×kw pooling node at stride sh×sw, padded by p on every side. */
  private String pool(
      String path, String op, T x, int kh, int kw, int sh, int sw, int p, IntAttr mode) {
    return g.node(
        path,
        op,
        List.of(x.name()),
        new IntsAttr("kernel_shape", kh, kw),
        new IntsAttr("strides", sh, sw),
        new IntsAttr("pads", p, p, p, p),
        mode);
  }

  private String tensor(String node, Block b, String param) {
    return tensor(node, b, param, param);
  }

  /** Writes a parameter of {@code b} as an initializer {@code node.suffix}. */
  private String tensor(String node, Block b, String param, String suffix) {
    NDArray a = b.getDirectParameters().get(param).getArray();
    return g.floats(node + "." + suffix, a.getShape().getShape(), a.toFloatArray());
  }

  private static String join(String path, String part) {
    return path.isEmpty() ? part : path + "/" + part;
  }
}
