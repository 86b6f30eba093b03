import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.worker.verticle.ProcessLauncher;

/**
 * Metric streaming: trial processes (one per slot, real child JVMs printing metric JSON lines at a
 * target rate) → worker verticle → event bus → coordinator (store + event hub) → {@code
 * /api/events} → an SSE client. Prints points/s delivered to the client and the latency from a
 * point's emission to its arrival, p50 and p99 (target: ≥ 100,000 points/s, p99 ≤ 250 ms).
 *
 * <p>Usage: {@code bench/streaming/run [--points 400000] [--rate 100000] [--slots 2]}
 */
public final class StreamingBench {

  private static final String TIME = "\"time\":\"";

  public static void main(String[] args) throws Exception {
    int points = intArg(args, "--points", 400_000);
    int rate = intArg(args, "--rate", 100_000);
    int slots = intArg(args, "--slots", 2);
    Path dir = Files.createTempDirectory("inception-bench-stream");
    int perTrial = points / slots;
    ProcessLauncher emitters =
        new ProcessLauncher(Emitter.class.getName(), List.of("-Dbench.points=" + perTrial, "-Dbench.rate=" + rate / slots, "-Xmx256m"), 2000);
    Server.Options o = new Server.Options(dir, dir.resolve("ckpt"), new HttpConfig("127.0.0.1", 0, null), null, slots, "cpu", 30_000, emitters);
    try (Server server = Server.start(o)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<java.io.InputStream> sse = http.send(HttpRequest.newBuilder(URI.create(base + "/api/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
      StringBuilder seeds = new StringBuilder();
      for (int i = 0; i < slots; i++) seeds.append(i == 0 ? "" : ", ").append(i);
      String sweep = "name: stream-bench\nparameters:\n  model: googlenet\n  stem: small\n  seed: [" + seeds + "]\n";
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(URI.create(base + "/api/sweeps")).POST(HttpRequest.BodyPublishers.ofString(sweep)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) throw new IllegalStateException(r.body());
      double[] latency = new double[points];
      int got = 0;
      int sampled = 0;
      long firstEmit = Long.MAX_VALUE;
      long lastArrival = 0;
      int batches = 0;
      long deadline = System.currentTimeMillis() + 600_000;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8), 1 << 20)) {
        for (String line; got < points && System.currentTimeMillis() < deadline && (line = in.readLine()) != null; ) {
          if (!line.startsWith("data: ")) continue;
          Instant now = Instant.now();
          long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
          batches++;
          // light client: find each point's time without building JSON objects; parse every 10th
          for (int at = line.indexOf(TIME); at >= 0 && got < points; at = line.indexOf(TIME, at + 1)) {
            if (got % 10 == 0) {
              int from = at + TIME.length();
              Instant t = Instant.parse(line.substring(from, line.indexOf('"', from)));
              long emitted = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
              firstEmit = Math.min(firstEmit, emitted);
              latency[sampled++] = (nowMicros - emitted) / 1000.0;
            }
            got++;
          }
          lastArrival = nowMicros;
        }
      }
      double secs = (lastArrival - firstEmit) / 1e6;
      double[] l = Arrays.copyOf(latency, sampled);
      Arrays.sort(l);
      System.out.println();
      System.out.println("| trial processes | target points/s | points delivered | seconds | points/s | SSE batches | latency p50 (ms) | latency p99 (ms) | max (ms) |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      System.out.printf("| %d | %,d | %,d | %.2f | %,.0f | %d | %.1f | %.1f | %.1f |%n",
          slots, rate, got, secs, got / secs, batches, pct(l, 50), pct(l, 99), l.length == 0 ? Double.NaN : l[l.length - 1]);
    }
    System.exit(0);
  }

  /** A trial process that prints metric lines at a steady rate, then a result. */
  public static final class Emitter {
    public static void main(String[] args) throws Exception {
      int n = Integer.getInteger("bench.points", 100_000);
      int rate = Integer.getInteger("bench.rate", 50_000);
      var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
      out.println("{\"type\":\"started\",\"params\":1000,\"macs\":5000}");
      long start = System.nanoTime();
      for (int i = 1; i <= n; i++) {
        out.println("{\"type\":\"metric\",\"name\":\"train_loss\",\"step\":" + i + ",\"epoch\":1,\"value\":" + (1.0 / i) + ",\"time\":\"" + Instant.now() + "\"}");
        if (i % 100 == 0) {
          out.flush();
          long due = start + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      out.println("{\"type\":\"result\",\"testAccuracy\":0.5,\"params\":1000,\"macs\":5000}");
      out.flush();
      System.exit(0);
    }
  }

  static double pct(double[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q / 100.0 * sorted.length) - 1)];
  }

  static int intArg(String[] a, String k, int d) {
    for (int i = 0; i + 1 < a.length; i++) if (a[i].equals(k)) return Integer.parseInt(a[i + 1]);
    return d;
  }
}
