package lab.inception.worker.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MetricBatch} on the event bus. In one JVM the (immutable) batch is handed over as it is;
 * between cluster nodes it travels in binary: the batch's distinct strings (worker, trial ids,
 * metric names) once, then fixed-size points that refer to them. Both the coordinator and every
 * worker register it ({@link #register}).
 */
public final class MetricBatchCodec implements MessageCodec<MetricBatch, MetricBatch> {

  public static final String NAME = "inception.metric-batch";

  /** A point on the wire: trial and name (string indexes), step, epoch, value, attempt, time. */
  private static final int POINT_BYTES = 4 + 4 + 8 + 4 + 8 + 4 + 8;

  /** Registers the codec as {@link MetricBatch}'s default; a second call is harmless. */
  public static void register(EventBus bus) {
    synchronized (MetricBatchCodec.class) {
      try {
        bus.registerDefaultCodec(MetricBatch.class, new MetricBatchCodec());
      } catch (IllegalStateException alreadyRegistered) {
        // another verticle of this Vert.x instance registered it
      }
    }
  }

  @Override
  public void encodeToWire(Buffer b, MetricBatch m) {
    Map<String, Integer> index = new HashMap<>();
    List<String> strings = new ArrayList<>();
    intern(m.worker(), index, strings);
    for (MetricPoint p : m.points()) {
      intern(p.trial(), index, strings);
      intern(p.name(), index, strings);
    }
    int start = b.length();
    b.appendInt(0); // the length, filled in below
    b.appendInt(strings.size());
    for (String s : strings) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      b.appendInt(bytes.length).appendBytes(bytes);
    }
    b.appendInt(m.points().size());
    for (MetricPoint p : m.points()) {
      b.appendInt(index.get(p.trial()))
          .appendInt(index.get(p.name()))
          .appendLong(p.step())
          .appendInt(p.epoch())
          .appendDouble(p.value())
          .appendInt(p.attempt())
          .appendLong(p.time());
    }
    b.setInt(start, b.length() - start - 4);
  }

  @Override
  public MetricBatch decodeFromWire(int pos, Buffer b) {
    pos += 4; // the length
    String[] strings = new String[b.getInt(pos)];
    pos += 4;
    for (int i = 0; i < strings.length; i++) {
      int n = b.getInt(pos);
      strings[i] = b.getString(pos + 4, pos + 4 + n, "UTF-8");
      pos += 4 + n;
    }
    int count = b.getInt(pos);
    pos += 4;
    List<MetricPoint> points = new ArrayList<>(count);
    for (int i = 0; i < count; i++, pos += POINT_BYTES) {
      points.add(
          new MetricPoint(
              strings[b.getInt(pos)],
              strings[b.getInt(pos + 4)],
              b.getLong(pos + 8),
              b.getInt(pos + 16),
              b.getDouble(pos + 20),
              b.getInt(pos + 28),
              b.getLong(pos + 32)));
    }
    return new MetricBatch(strings[0], points);
  }

  @Override
  public MetricBatch transform(MetricBatch m) {
    return m; // immutable
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  private static void intern(String s, Map<String, Integer> index, List<String> strings) {
    if (index.putIfAbsent(s, strings.size()) == null) strings.add(s);
  }
}
