import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.worker.protocol.Lease;
import lab.inception.worker.protocol.TrialMessage;
import lab.inception.worker.protocol.TrialOutput;
import lab.inception.worker.train.TrialResult;
import lab.inception.worker.verticle.TrialLauncher;

/**
 * Scheduling overhead: N stand-in trials of S seconds each (a timer, no training) over 2 slots,
 * through the real coordinator, store, leases and worker verticle. Prints the makespan over the
 * ideal N·S/slots (Ray Tune's published figure: 1.14×; target ≤ 1.03×) and the idle gap of a slot between one trial's end and the next one's start.
 *
 * <p>Usage: {@code bench/scheduling/run [--trials 1000] [--seconds 0.5] [--slots 2]}
 */
public final class SchedulingBench {

  public static void main(String[] args) throws Exception {
    int trials = intArg(args, "--trials", 1000);
    double seconds = Double.parseDouble(arg(args, "--seconds", "0.5"));
    int slots = intArg(args, "--slots", 2);
    Path dir = Files.createTempDirectory("inception-bench-sched");
    StandIn standIn = new StandIn((long) (seconds * 1000));
    Server.Options o =
        new Server.Options(dir, dir.resolve("ckpt"), new HttpConfig("127.0.0.1", 0, null), null, slots, "cpu", 30_000, standIn);
    try (Server server = Server.start(o)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newHttpClient();
      StringBuilder seeds = new StringBuilder();
      for (int i = 0; i < trials; i++) seeds.append(i == 0 ? "" : ", ").append(i);
      String sweep = "name: sched-bench\nmaxTrials: " + trials + "\nparameters:\n  model: googlenet\n  stem: small\n  seed: [" + seeds + "]\n";
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(URI.create(base + "/api/sweeps")).header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(sweep)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) throw new IllegalStateException(r.body());
      String id = new JsonObject(r.body()).getString("id");
      long tSubmitted = System.nanoTime();
      while (true) {
        String s = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sweeps/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body();
        if (new JsonObject(s).getString("state").equals("completed")) break;
        Thread.sleep(20);
      }
      double makespan = (standIn.lastEnd - standIn.firstStart) / 1e9;
      double fromSubmit = (standIn.lastEnd - t0) / 1e9;
      double ideal = trials * seconds / slots;
      List<Double> gaps = standIn.gapsMs();
      System.out.println();
      System.out.println("| trials | slots | trial (s) | ideal (s) | makespan (s) | makespan / ideal | submit (ms) | slot gap p50 (ms) | slot gap p99 (ms) |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      System.out.printf("| %d | %d | %.3f | %.2f | %.2f | %.4f× | %.0f | %.2f | %.2f |%n",
          trials, slots, seconds, ideal, makespan, makespan / ideal, (tSubmitted - t0) / 1e6, pct(gaps, 50), pct(gaps, 99));
      System.out.printf(
          "makespan: first trial start to last trial end; from the POST (including validation): %.2f s%n", fromSubmit);
    }
    System.exit(0);
  }

  /** Stand-in trials: started, a few metric lines, then result and exit 0 after the given time. */
  static final class StandIn implements TrialLauncher {
    private final long ms;
    private final ScheduledExecutorService timer =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "stand-in");
              t.setDaemon(true);
              return t;
            });
    final ConcurrentHashMap<Integer, List<long[]>> bySlot = new ConcurrentHashMap<>();
    volatile long firstStart = Long.MAX_VALUE;
    volatile long lastEnd;

    StandIn(long ms) {
      this.ms = ms;
    }

    @Override
    public Running launch(Lease lease, Slot slot, Output out) {
      long start = System.nanoTime();
      synchronized (this) {
        firstStart = Math.min(firstStart, start);
      }
      out.line(TrialOutput.message(new TrialMessage.Started(1000, 5000, lease.attempt(), 1, 1)));
      timer.schedule(() -> {
        out.line(TrialOutput.metric("train_loss", 1, 1, 0.5, System.currentTimeMillis()));
        out.line(TrialOutput.message(new TrialMessage.Epoch(1, 1, java.util.Map.of())));
        out.line(
            TrialOutput.message(
                new TrialMessage.Result(
                    new TrialResult(0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 1000, 5000, 1, false))));
        long end = System.nanoTime();
        synchronized (this) {
          lastEnd = Math.max(lastEnd, end);
        }
        bySlot.computeIfAbsent(slot.index(), k -> Collections.synchronizedList(new ArrayList<>())).add(new long[] {start, end});
        out.exited(new TrialMessage.Exited(0, null, null));
      }, ms, TimeUnit.MILLISECONDS);
      return () -> {};
    }

    List<Double> gapsMs() {
      List<Double> gaps = new ArrayList<>();
      for (List<long[]> runs : bySlot.values()) {
        List<long[]> s = new ArrayList<>(runs);
        s.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < s.size(); i++) gaps.add((s.get(i)[0] - s.get(i - 1)[1]) / 1e6);
      }
      Collections.sort(gaps);
      return gaps;
    }
  }

  static double pct(List<Double> sorted, double q) {
    if (sorted.isEmpty()) return Double.NaN;
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q / 100.0 * sorted.size()) - 1));
  }

  static String arg(String[] a, String k, String d) {
    for (int i = 0; i + 1 < a.length; i++) if (a[i].equals(k)) return a[i + 1];
    return d;
  }

  static int intArg(String[] a, String k, int d) {
    return Integer.parseInt(arg(a, k, String.valueOf(d)));
  }
}
