package lab.inception.worker.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the pickle that {@code torch.save(model.state_dict(), f)} writes into {@code data.pkl},
 * without executing anything: a stack machine for the opcodes of pickle protocols 2–4 that such a
 * file uses (CPython's {@code Lib/pickletools.py} documents each), where the only callables are a
 * fixed list of globals, each interpreted here rather than looked up: {@code
 * collections.OrderedDict} (an ordered map), {@code torch._utils._rebuild_tensor_v2} (a tensor view
 * of a storage) and the typed storages {@code torch.FloatStorage} etc. named by persistent ids
 * {@code ('storage', type, key, location, numel)}. Any other global or opcode is refused.
 */
final class RestrictedUnpickler {

  /** The globals a state_dict needs; anything else is refused by name. */
  static final Set<String> GLOBALS =
      Set.of(
          "collections.OrderedDict",
          "torch._utils._rebuild_tensor_v2",
          "torch.FloatStorage",
          "torch.DoubleStorage",
          "torch.LongStorage",
          "torch.IntStorage");

  record Global(String name) {}

  /** A persistent id: a typed storage saved as the archive entry {@code data/KEY}. */
  record StorageRef(HostTensor.DType dtype, String key, long numel) {}

  /** {@code _rebuild_tensor_v2(storage, offset, size, stride, …)}. */
  record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

  private record Tuple(List<Object> items) {}

  private static final Object MARK = new Object();

  private final ByteBuffer in;
  private final Deque<Object> stack = new ArrayDeque<>();
  private final Map<Long, Object> memo = new HashMap<>();

  private RestrictedUnpickler(byte[] pickle) {
    this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The pickle's value: for a state_dict, an ordered map from names to {@link TensorRef}s. */
  static Object load(byte[] pickle) {
    try {
      return new RestrictedUnpickler(pickle).run();
    } catch (java.nio.BufferUnderflowException e) {
      throw new BadWeightsException("the pickle ends early (truncated)");
    }
  }

  private Object run() {
    while (true) {
      int op = in.get() & 0xff;
      switch (op) {
        case 0x80 -> in.get(); // PROTO n
        case 0x95 -> in.getLong(); // FRAME length
        case '.' -> {
          return pop();
        }
        case '(' -> stack.push(MARK);
        case ')' -> stack.push(new Tuple(List.of()));
        case '}' -> stack.push(new LinkedHashMap<Object, Object>());
        case ']' -> stack.push(new ArrayList<>());
        case 'N' -> stack.push(NONE);
        case 0x88 -> stack.push(Boolean.TRUE);
        case 0x89 -> stack.push(Boolean.FALSE);
        case 'K' -> stack.push((long) (in.get() & 0xff));
        case 'M' -> stack.push((long) (in.getShort() & 0xffff));
        case 'J' -> stack.push((long) in.getInt());
        case 0x8a -> stack.push(long1());
        case 'G' -> stack.push(Double.longBitsToDouble(Long.reverseBytes(in.getLong())));
        case 'X' -> stack.push(utf8(in.getInt()));
        case 0x8c -> stack.push(utf8(in.get() & 0xff));
        case 't' -> stack.push(new Tuple(popToMark()));
        case 0x85 -> stack.push(tuple(1));
        case 0x86 -> stack.push(tuple(2));
        case 0x87 -> stack.push(tuple(3));
        case 'q' -> memo.put((long) (in.get() & 0xff), stack.peek());
        case 'r' -> memo.put(in.getInt() & 0xffffffffL, stack.peek());
        case 0x94 -> memo.put((long) memo.size(), stack.peek());
        case 'h' -> stack.push(memo(in.get() & 0xff));
        case 'j' -> stack.push(memo(in.getInt() & 0xffffffffL));
        case 'c' -> stack.push(global(line() + "." + line()));
        case 0x93 -> {
          String name = (String) pop();
          stack.push(global(pop() + "." + name));
        }
        case 'Q' -> stack.push(persistentId(pop()));
        case 'R' -> {
          Object args = pop();
          stack.push(reduce(pop(), args));
        }
        case 'b' -> build();
        case 's' -> {
          Object v = pop();
          Object k = pop();
          dict(stack.peek()).put(k, v);
        }
        case 'u' -> {
          List<Object> kv = popToMark();
          Map<Object, Object> d = dict(stack.peek());
          for (int i = 0; i + 1 < kv.size(); i += 2) d.put(kv.get(i), kv.get(i + 1));
        }
        case 'a' -> {
          Object v = pop();
          list(stack.peek()).add(v);
        }
        case 'e' -> {
          List<Object> items = popToMark();
          list(stack.peek()).addAll(items);
        }
        default ->
            throw new BadWeightsException(
                String.format(
                    "pickle opcode 0x%02x at byte %d is not one a state_dict uses",
                    op, in.position() - 1));
      }
    }
  }

  private static final Object NONE = new Object();

  private Object pop() {
    if (stack.isEmpty() || stack.peek() == MARK) {
      throw new BadWeightsException("malformed pickle: stack underflow at byte " + in.position());
    }
    return stack.pop();
  }

  private List<Object> popToMark() {
    List<Object> items = new ArrayList<>();
    while (!stack.isEmpty() && stack.peek() != MARK) items.add(0, stack.pop());
    if (stack.isEmpty()) {
      throw new BadWeightsException("malformed pickle: no MARK at byte " + in.position());
    }
    stack.pop();
    return items;
  }

  private Tuple tuple(int n) {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < n; i++) items.add(0, pop());
    return new Tuple(items);
  }

  private Object memo(long key) {
    Object v = memo.get(key);
    if (v == null) throw new BadWeightsException("malformed pickle: memo " + key + " unset");
    return v;
  }

  private long long1() {
    int n = in.get() & 0xff;
    if (n > 8) throw new BadWeightsException("pickle integer of " + n + " bytes");
    long v = 0;
    for (int i = 0; i < n; i++) v |= (in.get() & 0xffL) << (8 * i);
    if (n > 0 && n < 8 && (v & (1L << (8 * n - 1))) != 0) v |= -1L << (8 * n);
    return v;
  }

  private String utf8(int n) {
    if (n < 0 || n > in.remaining()) throw new BadWeightsException("the pickle ends early");
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private String line() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte c = in.get(); c != '\n'; c = in.get()) b.write(c);
    return b.toString(StandardCharsets.UTF_8);
  }

  private static Global global(String name) {
    if (!GLOBALS.contains(name)) {
      throw new BadWeightsException(
          "the pickle asks for " + name + ", which a state_dict does not use (refused)");
    }
    return new Global(name);
  }

  private static StorageRef persistentId(Object pid) {
    if (pid instanceof Tuple t
        && t.items().size() == 5
        && "storage".equals(t.items().get(0))
        && t.items().get(1) instanceof Global g
        && t.items().get(2) instanceof String key
        && t.items().get(4) instanceof Long numel) {
      HostTensor.DType dtype =
          switch (g.name()) {
            case "torch.FloatStorage" -> HostTensor.DType.F32;
            case "torch.DoubleStorage" -> HostTensor.DType.F64;
            case "torch.LongStorage" -> HostTensor.DType.I64;
            case "torch.IntStorage" -> HostTensor.DType.I32;
            default -> throw new BadWeightsException("a storage of type " + g.name());
          };
      return new StorageRef(dtype, key, numel);
    }
    throw new BadWeightsException("a persistent id that is not a tensor storage: " + pid);
  }

  private static Object reduce(Object callable, Object args) {
    if (!(callable instanceof Global g) || !(args instanceof Tuple t)) {
      throw new BadWeightsException("malformed pickle: REDUCE of " + callable);
    }
    List<Object> a = t.items();
    if (g.name().equals("collections.OrderedDict") && a.isEmpty()) {
      return new LinkedHashMap<Object, Object>();
    }
    if (g.name().equals("torch._utils._rebuild_tensor_v2")
        && a.size() >= 4
        && a.get(0) instanceof StorageRef s
        && a.get(1) instanceof Long offset
        && a.get(2) instanceof Tuple size
        && a.get(3) instanceof Tuple stride) {
      return new TensorRef(s, offset, longs(size), longs(stride));
    }
    throw new BadWeightsException("the pickle calls " + g.name() + " with unexpected arguments");
  }

  /** BUILD on an OrderedDict sets attributes (a state_dict's {@code _metadata}): ignored. */
  private void build() {
    pop();
    if (!(stack.peek() instanceof Map)) {
      throw new BadWeightsException("the pickle sets the state of a " + stack.peek());
    }
  }

  private static long[] longs(Tuple t) {
    long[] out = new long[t.items().size()];
    for (int i = 0; i < out.length; i++) {
      if (!(t.items().get(i) instanceof Long v)) {
        throw new BadWeightsException("a tensor size or stride that is not an integer");
      }
      out[i] = v;
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dict(Object o) {
    if (o instanceof Map<?, ?> m) return (Map<Object, Object>) m;
    throw new BadWeightsException("malformed pickle: SETITEM on a " + o);
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object o) {
    if (o instanceof List<?> l) return (List<Object>) l;
    throw new BadWeightsException("malformed pickle: APPEND on a " + o);
  }
}
