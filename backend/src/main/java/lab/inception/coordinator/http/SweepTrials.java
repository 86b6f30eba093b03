package lab.inception.coordinator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.inception.coordinator.sched.Trial;
import lab.inception.coordinator.store.Store;

/**
 * Each sweep's trials read and parsed once per version of its documents ({@link
 * Store#trialsVersion}), shared by every endpoint that reads them all (the trial list, the results,
 * importance, the front, the CSV) and by requests that arrive together: opening a sweep of 10,000
 * trials parses its documents once instead of once per endpoint, and while no document changes the
 * list's and the results' JSON is sent as it was written. Bounded by the trials it holds (the least
 * recently used sweep out first).
 */
final class SweepTrials {

  /** About 60 MB at 10,000 trials each 1.2 KB of JSON written twice and a parsed record. */
  static final int MAX_TRIALS = 40_000;

  private final Vertx vertx;
  private final Store store;
  private final int maxTrials;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private int held;

  private record Entry(long version, Future<Snapshot> snapshot, int[] size) {}

  SweepTrials(Vertx vertx, Store store, int maxTrials) {
    this.vertx = vertx;
    this.store = store;
    this.maxTrials = maxTrials;
  }

  /** The sweep's trials as stored now (read, or the snapshot of this version). */
  synchronized Future<Snapshot> of(String sweep) {
    long version = store.trialsVersion(sweep);
    Entry e = entries.get(sweep);
    if (e != null && e.version == version && !e.snapshot.failed()) return e.snapshot;
    Future<Snapshot> read =
        store
            .trials(sweep)
            .compose(docs -> vertx.executeBlocking(() -> new Snapshot(Trials.parse(docs)), false));
    Entry fresh = new Entry(version, read, new int[1]);
    replace(sweep, fresh);
    read.onSuccess(s -> held(sweep, fresh, s.trials().size()));
    return read;
  }

  private void replace(String sweep, Entry fresh) {
    Entry old = entries.put(sweep, fresh);
    if (old != null) held -= old.size[0];
  }

  private synchronized void held(String sweep, Entry entry, int trials) {
    if (entries.get(sweep) != entry) return; // replaced by a newer version meanwhile
    entry.size[0] = trials;
    held += trials;
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (held > maxTrials && it.hasNext()) {
      Entry out = it.next().getValue();
      held -= out.size[0];
      it.remove();
    }
  }

  /** One version of a sweep's trials, with the two long answers written from them on demand. */
  final class Snapshot {
    private final List<Trial> trials;
    private Future<Buffer> list;
    private Future<Buffer> results;

    private Snapshot(List<Trial> trials) {
      this.trials = List.copyOf(trials);
    }

    List<Trial> trials() {
      return trials;
    }

    /** {@code GET /api/sweeps/{id}/trials}, written once (off the event loop). */
    synchronized Future<Buffer> list() {
      if (list == null) list = vertx.executeBlocking(() -> Trials.json(trials).toBuffer(), false);
      return list;
    }

    /** {@code GET /api/sweeps/{id}/results}, written once (off the event loop). */
    synchronized Future<Buffer> results() {
      if (results == null)
        results = vertx.executeBlocking(() -> Results.rows(trials).toBuffer(), false);
      return results;
    }
  }
}
