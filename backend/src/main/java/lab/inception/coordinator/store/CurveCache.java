package lab.inception.coordinator.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lab.inception.coordinator.curves.Curve;

/**
 * Downsampled curves already read, each valid while its trial has no newer points: a finished
 * trial's curve is read from the table once, and a refresh of a sweep where 50 of 500 trials run
 * reads only those 50. Bounded by the points it holds (least recently used out first).
 */
final class CurveCache {

  /** About 24 MB of steps and values. */
  static final long MAX_POINTS = 2_000_000;

  private final long maxPoints;
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long points;

  private record Entry(long version, Curve curve) {}

  CurveCache(long maxPoints) {
    this.maxPoints = maxPoints;
  }

  /** A trial's points changed (called on the writer thread after the commit). */
  void changed(String trial) {
    versions.merge(trial, 1L, Long::sum);
  }

  /** The trial's version now: read it before the points, store the curve under it. */
  long version(String trial) {
    return versions.getOrDefault(trial, 0L);
  }

  static String key(String trial, String metric, long since, int buckets) {
    return trial + '\u0000' + metric + '\u0000' + since + '\u0000' + buckets;
  }

  synchronized Curve get(String key, long version) {
    Entry e = entries.get(key);
    return e != null && e.version == version ? e.curve : null;
  }

  synchronized void put(String key, long version, Curve curve) {
    Entry old = entries.put(key, new Entry(version, curve));
    if (old != null) points -= old.curve.steps().length;
    points += curve.steps().length;
    var it = entries.entrySet().iterator();
    while (points > maxPoints && it.hasNext()) {
      points -= it.next().getValue().curve.steps().length;
      it.remove();
    }
  }
}
