package lab.inception.worker.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph being built, and its serialisation as a {@code ModelProto}. Field numbers are those
 * of onnx/onnx.proto (IR version 7, 2020-05-08, the IR of opset 13): ModelProto ir_version 1,
 * producer_name 2, producer_version 3, doc_string 6, graph 7, opset_import 8; GraphProto node 1,
 * name 2, initializer 5, doc_string 10, input 11, output 12; NodeProto input 1, output 2, name 3,
 * op_type 4, attribute 5; AttributeProto name 1, f 2, i 3, ints 8, type 20; TensorProto dims 1,
 * data_type 2, name 8, raw_data 9 (little-endian); ValueInfoProto name 1, type 2, doc_string 3;
 * TypeProto tensor_type 1; TypeProto.Tensor elem_type 1, shape 2; TensorShapeProto dim 1; Dimension
 * dim_value 1, dim_param 2.
 */
public final class OnnxGraph {
  /** The operator set written: opset 13 has every operator used here in its current form. */
  public static final int OPSET = 13;

  static final int IR_VERSION = 7;
  static final int FLOAT = 1;
  static final int INT64 = 7;

  /** A node attribute: an int, a float or a list of ints (AttributeType INT 2, FLOAT 1, INTS 7). */
  sealed interface Attr {
    String name();
  }

  record IntAttr(String name, long value) implements Attr {}

  record FloatAttr(String name, float value) implements Attr {}

  record IntsAttr(String name, long... values) implements Attr {}

  record Node(String name, String op, List<String> inputs, String output, List<Attr> attrs) {}

  /** A graph input or output: a float tensor with fixed dimensions, or -1 for a named symbol. */
  public record Value(String name, long[] dims, String symbol, String doc) {}

  private record Initializer(String name, long[] dims, int type, byte[] raw) {}

  private final String name;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, Initializer> initializers = new LinkedHashMap<>();
  private final List<Value> inputs = new ArrayList<>();
  private final List<Value> outputs = new ArrayList<>();

  public OnnxGraph(String name) {
    this.name = name;
  }

  /** Adds a node whose output is named after it; returns the output's name. */
  String node(String nodeName, String op, List<String> in, Attr... attrs) {
    String unique = unique(nodeName);
    nodes.add(new Node(unique, op, in, unique, List.of(attrs)));
    return unique;
  }

  /** Adds a float initializer; returns its name. */
  String floats(String tensorName, long[] dims, float[] data) {
    ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    return initializer(new Initializer(tensorName, dims, FLOAT, b.array()));
  }

  private String initializer(Initializer t) {
    if (initializers.putIfAbsent(t.name(), t) != null) {
      throw new IllegalStateException("two tensors named " + t.name());
    }
    return t.name();
  }

  void input(Value v) {
    inputs.add(v);
  }

  void output(Value v) {
    outputs.add(v);
  }

  List<Node> nodes() {
    return nodes;
  }

  /** How many float values the initializers hold. */
  long parameterCount() {
    return initializers.values().stream().mapToLong(t -> t.raw().length / 4).sum();
  }

  private String unique(String base) {
    String n = base;
    for (int i = 2; nameTaken(n); i++) n = base + "_" + i;
    return n;
  }

  private boolean nameTaken(String n) {
    return initializers.containsKey(n)
        || nodes.stream().anyMatch(x -> x.name().equals(n))
        || inputs.stream().anyMatch(x -> x.name().equals(n));
  }

  /**
   * The serialised {@code ModelProto}, written once into an array of its exact size: the tensors'
   * bytes are copied once, not into each enclosing message (inception-resnet-v2 holds 224 MB).
   */
  public byte[] toModelProto(String producerVersion, String doc) {
    ProtoWriter graphHead = new ProtoWriter();
    for (Node n : nodes) graphHead.message(1, node(n));
    graphHead.string(2, name);
    ProtoWriter graphTail = new ProtoWriter();
    for (Value v : inputs) graphTail.message(11, valueInfo(v));
    for (Value v : outputs) graphTail.message(12, valueInfo(v));
    List<ProtoWriter> tensorHeads = new ArrayList<>();
    long graphLength = graphHead.size() + graphTail.size();
    for (Initializer t : initializers.values()) {
      ProtoWriter head = tensorHead(t);
      ProtoWriter prefix = new ProtoWriter().lengthPrefix(5, head.size() + t.raw().length);
      tensorHeads.add(prefix.appendAll(head));
      graphLength += prefix.size() + t.raw().length;
    }
    ProtoWriter modelHead =
        new ProtoWriter()
            .varint(1, IR_VERSION)
            .string(2, "inception-lab")
            .string(3, producerVersion)
            .string(6, doc)
            .lengthPrefix(7, graphLength);
    ProtoWriter modelTail =
        new ProtoWriter().message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
    ByteBuffer out =
        ByteBuffer.allocate(Math.toIntExact(modelHead.size() + graphLength + modelTail.size()));
    out.put(modelHead.toByteArray()).put(graphHead.toByteArray());
    int i = 0;
    for (Initializer t : initializers.values()) {
      out.put(tensorHeads.get(i++).toByteArray()).put(t.raw());
    }
    out.put(graphTail.toByteArray()).put(modelTail.toByteArray());
    if (out.hasRemaining()) throw new IllegalStateException("ModelProto size miscounted");
    return out.array();
  }

  private static ProtoWriter node(Node n) {
    ProtoWriter w = new ProtoWriter();
    for (String in : n.inputs()) w.string(1, in);
    w.string(2, n.output()).string(3, n.name()).string(4, n.op());
    for (Attr a : n.attrs()) w.message(5, attr(a));
    return w;
  }

  private static ProtoWriter attr(Attr a) {
    ProtoWriter w = new ProtoWriter().string(1, a.name());
    if (a instanceof IntAttr i) {
      w.varint(3, i.value()).varint(20, 2);
    } else if (a instanceof FloatAttr f) {
      w.float32(2, f.value()).varint(20, 1);
    } else if (a instanceof IntsAttr is) {
      w.packedVarints(8, is.values()).varint(20, 7);
    }
    return w;
  }

  /** A TensorProto up to its raw_data's tag and length; the raw bytes follow. */
  private static ProtoWriter tensorHead(Initializer t) {
    return new ProtoWriter()
        .packedVarints(1, t.dims())
        .varint(2, t.type())
        .string(8, t.name())
        .lengthPrefix(9, t.raw().length);
  }

  private static ProtoWriter valueInfo(Value v) {
    ProtoWriter shape = new ProtoWriter();
    for (long d : v.dims()) {
      shape.message(
          1, d < 0 ? new ProtoWriter().string(2, v.symbol()) : new ProtoWriter().varint(1, d));
    }
    ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
    return new ProtoWriter()
        .string(1, v.name())
        .message(2, new ProtoWriter().message(1, tensorType))
        .string(3, v.doc());
  }
}
