package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lab.inception.worker.protocol.MetricPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/sweeps/{id}/curves} over a real store, every answer checked by the contract. */
@ExtendWith(VertxExtension.class)
class CurvesTest {

  @TempDir Path dir;
  ApiHarness h;
  String sweep;
  List<String> trials = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
    var r =
        h.post(
            "/api/sweeps",
            "name: curves\ndataset: synthetic-shapes\nparameters:\n  model: googlenet\n"
                + "  lr: [0.1, 0.01, 0.001]\n  epochs: 1\n");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    sweep = new JsonObject(r.body()).getString("id");
    for (Object t : new JsonArray(h.get("/api/sweeps/" + sweep + "/trials").body()))
      trials.add(((JsonObject) t).getString("id"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void write(String trial, String name, long[] steps, double[] values) throws Exception {
    List<MetricPoint> ps = new ArrayList<>();
    for (int i = 0; i < steps.length; i++)
      ps.add(new MetricPoint(trial, name, steps[i], 1, values[i], 1, 0));
    ApiHarness.await(h.store.insertMetrics(ps));
  }

  private JsonObject curves(String query) throws Exception {
    var r = h.get("/api/sweeps/" + sweep + "/curves?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static JsonObject curveOf(JsonObject set, String trial) {
    for (Object o : set.getJsonArray("trials"))
      if (((JsonObject) o).getString("trial").equals(trial)) return (JsonObject) o;
    throw new AssertionError("no curve of " + trial);
  }

  @Test
  @DisplayName(
      "a long curve comes as each bucket's minimum and maximum, a short one whole, a trial without"
          + " points empty, in one answer for every trial")
  void extremes() throws Exception {
    Random rnd = new Random(7);
    int n = 5000;
    long[] steps = new long[n];
    double[] values = new double[n];
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += 1 + rnd.nextInt(3); // irregular steps
      steps[i] = s;
      values[i] = Math.exp(-i / 1000.0) + rnd.nextGaussian() * 0.1;
    }
    write(trials.get(0), "train_loss", steps, values);
    write(trials.get(1), "train_loss", new long[] {5, 9, 12}, new double[] {3, 1, 2});
    write(trials.get(0), "val_loss", new long[] {1}, new double[] {9}); // another metric
    int buckets = 100;
    JsonObject set = curves("metric=train_loss&points=" + buckets);
    assertThat(set.getString("metric")).isEqualTo("train_loss");
    assertThat(set.getJsonArray("trials"))
        .extracting(o -> ((JsonObject) o).getString("trial"))
        .containsExactlyElementsOf(trials);

    JsonObject a = curveOf(set, trials.get(0));
    assertThat(a.getInteger("count")).isEqualTo(n);
    assertThat(a.getBoolean("downsampled")).isTrue();
    assertThat(a.getLong("lastStep")).isEqualTo(steps[n - 1]);
    JsonArray gotSteps = a.getJsonArray("steps");
    JsonArray gotValues = a.getJsonArray("values");
    assertThat(gotSteps.size()).isLessThanOrEqualTo(2 * buckets);
    // the reference: every bucket's extremes by brute force, over [first step, last step]
    double[] min = new double[buckets];
    double[] max = new double[buckets];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    double width = (double) (steps[n - 1] - steps[0] + 1) / buckets;
    for (int i = 0; i < n; i++) {
      int b = (int) Math.floor((steps[i] - steps[0]) / width);
      min[b] = Math.min(min[b], values[i]);
      max[b] = Math.max(max[b], values[i]);
    }
    List<List<Double>> perBucket = new ArrayList<>();
    for (int b = 0; b < buckets; b++) perBucket.add(new ArrayList<>());
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < gotSteps.size(); i++) {
      long step = gotSteps.getLong(i);
      assertThat(step).as("steps ascend").isGreaterThan(previous);
      previous = step;
      int at = java.util.Arrays.binarySearch(steps, step);
      assertThat(at).as("a stored step").isGreaterThanOrEqualTo(0);
      assertThat(gotValues.getDouble(i)).as("its value").isCloseTo(values[at], within(values[at]));
      perBucket.get((int) Math.floor((step - steps[0]) / width)).add(gotValues.getDouble(i));
    }
    for (int b = 0; b < buckets; b++) {
      List<Double> got = perBucket.get(b);
      assertThat(got).as("bucket " + b).isNotEmpty();
      assertThat(got.stream().mapToDouble(x -> x).min().getAsDouble())
          .as("bucket " + b + " minimum")
          .isCloseTo(min[b], within(min[b]));
      assertThat(got.stream().mapToDouble(x -> x).max().getAsDouble())
          .as("bucket " + b + " maximum")
          .isCloseTo(max[b], within(max[b]));
    }

    JsonObject b = curveOf(set, trials.get(1));
    assertThat(b.getJsonArray("steps")).containsExactly(5, 9, 12);
    assertThat(b.getJsonArray("values")).containsExactly(3.0, 1.0, 2.0);
    assertThat(b.getBoolean("downsampled")).isFalse();
    JsonObject c = curveOf(set, trials.get(2));
    assertThat(c.getJsonArray("steps")).isEmpty();
    assertThat(c.getValue("lastStep")).isNull();

    JsonObject only = curves("metric=train_loss&points=10&trials=" + trials.get(1));
    assertThat(only.getJsonArray("trials")).hasSize(1);
  }

  /** Float precision: the answer rounds values to 7 significant digits. */
  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(Math.abs(v) * 1e-6 + 1e-12);
  }

  @Test
  @DisplayName(
      "since returns exactly the points written after it, and lastStep says where to go on")
  void since() throws Exception {
    long[] first = new long[100];
    double[] v1 = new double[100];
    for (int i = 0; i < 100; i++) {
      first[i] = i;
      v1[i] = i * 0.5;
    }
    write(trials.get(0), "train_loss", first, v1);
    write(trials.get(1), "train_loss", first, v1);
    JsonObject all = curves("metric=train_loss&points=100");
    assertThat(curveOf(all, trials.get(0)).getJsonArray("steps")).hasSize(100);
    long since = curveOf(all, trials.get(0)).getLong("lastStep");
    assertThat(since).isEqualTo(99);
    write(trials.get(0), "train_loss", new long[] {100, 101, 105}, new double[] {7, 8, 9});
    write(trials.get(1), "train_loss", new long[] {100}, new double[] {6});
    JsonObject fresh = curves("metric=train_loss&points=100&since=" + since);
    assertThat(fresh.getLong("since")).isEqualTo(99);
    JsonObject a = curveOf(fresh, trials.get(0));
    assertThat(a.getJsonArray("steps")).containsExactly(100, 101, 105);
    assertThat(a.getJsonArray("values")).containsExactly(7.0, 8.0, 9.0);
    assertThat(a.getLong("lastStep")).isEqualTo(105);
    assertThat(curveOf(fresh, trials.get(1)).getJsonArray("steps")).containsExactly(100);
    JsonObject none = curveOf(fresh, trials.get(2));
    assertThat(none.getJsonArray("steps")).isEmpty();
    JsonObject later = curves("metric=train_loss&points=100&since=105");
    assertThat(curveOf(later, trials.get(0)).getJsonArray("steps")).isEmpty();
    assertThat(curveOf(later, trials.get(0)).getLong("lastStep")).isEqualTo(105);
  }

  @Test
  @DisplayName(
      "format=binary answers the JSON answer's curves with float32 values, format=binary16 with"
          + " each value within 1/65,535 of its curve's (log) range: the same steps, counts and"
          + " flags, the extremes exact")
  void binary() throws Exception {
    Random rnd = new Random(11);
    int n = 3000;
    long[] steps = new long[n];
    double[] noisy = new double[n]; // crosses zero: quantised linearly
    double[] wide = new double[n]; // positive over five decades: quantised in log space
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += 1 + rnd.nextInt(4);
      steps[i] = s;
      noisy[i] = Math.exp(-i / 500.0) + rnd.nextGaussian() * 0.05;
      wide[i] = 10 * Math.exp(-i / 250.0) * (1 + 0.1 * rnd.nextDouble());
    }
    write(trials.get(0), "train_loss", steps, noisy);
    write(trials.get(1), "train_loss", steps, wide);
    // trials.get(2) has no points
    for (String q : List.of("points=100", "points=5000", "points=7&since=" + steps[n / 2]))
      for (String format : List.of("binary", "binary16")) {
        String query = "metric=train_loss&" + q;
        JsonObject json = curves(query);
        var r = binary(query + "&format=" + format);
        boolean exact = format.equals("binary");
        assertThat(r.headers().firstValue("Content-Type"))
            .hasValue("application/x-inception-curves");
        Decoded set = Decoded.of(r.body());
        assertThat(set.metric).isEqualTo("train_loss");
        assertThat(set.points).isEqualTo(json.getLong("points"));
        assertThat(set.since).isEqualTo(json.getLong("since"));
        assertThat(set.curves).extracting(c -> c.trial).containsExactlyElementsOf(trials);
        for (Decoded.Curve c : set.curves) {
          JsonObject j = curveOf(json, c.trial);
          assertThat(c.count).as(q).isEqualTo(j.getInteger("count"));
          assertThat(c.downsampled).isEqualTo(j.getBoolean("downsampled"));
          assertThat(c.lastStep).isEqualTo(j.getLong("lastStep"));
          assertThat(c.steps)
              .containsExactly(
                  j.getJsonArray("steps").stream()
                      .mapToLong(o -> ((Number) o).longValue())
                      .toArray());
          if (c.steps.length == 0) continue;
          double[] stored = c.trial.equals(trials.get(0)) ? noisy : wide;
          double[] sent = new double[c.steps.length];
          for (int i = 0; i < sent.length; i++)
            sent[i] = stored[java.util.Arrays.binarySearch(steps, c.steps[i])];
          double lo = java.util.Arrays.stream(sent).min().orElseThrow();
          double hi = java.util.Arrays.stream(sent).max().orElseThrow();
          assertThat(c.float32).isEqualTo(exact);
          if (exact) {
            for (int k = 0; k < sent.length; k++)
              assertThat(c.values[k])
                  .as(c.trial + " value " + k)
                  .isEqualTo((double) (float) sent[k]);
            continue;
          }
          assertThat(c.log)
              .as("log-quantised exactly when every value is positive")
              .isEqualTo(lo > 0);
          for (int i = 0; i < sent.length; i++) {
            double tolerance =
                c.log
                    ? sent[i] * (Math.pow(hi / lo, 1 / 65_535.0) - 1) * 1.0001
                    : (hi - lo) / 65_535 * 1.0001;
            assertThat(c.values[i])
                .as(c.trial + " value " + i)
                .isCloseTo(sent[i], org.assertj.core.data.Offset.offset(tolerance));
            if (sent[i] == lo || sent[i] == hi)
              assertThat(c.values[i]).as("an extreme, exact").isEqualTo(sent[i]);
          }
        }
      }
    var etags =
        List.of(
            h.get("/api/sweeps/" + sweep + "/curves?metric=train_loss")
                .headers()
                .firstValue("ETag"),
            binary("metric=train_loss&format=binary").headers().firstValue("ETag"),
            binary("metric=train_loss&format=binary16").headers().firstValue("ETag"));
    assertThat(new java.util.HashSet<>(etags)).as("each form its own ETag").hasSize(3);
    assertThat(error("/api/sweeps/" + sweep + "/curves?metric=train_loss&format=xml", 400))
        .contains("format")
        .contains("binary16");
  }

  /** The binary answer, gunzipped, its content type checked against openapi.json. */
  private BytesResponse binary(String query) throws Exception {
    var r =
        h.client.send(
            HttpRequest.newBuilder(URI.create(h.base + "/api/sweeps/" + sweep + "/curves?" + query))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    lab.inception.coordinator.Contract.check(
        "GET", r.uri(), 200, r.headers().firstValue("Content-Type").orElse(null), null);
    byte[] body =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))
            .readAllBytes();
    return new BytesResponse(r.headers(), body);
  }

  /** An answer's headers and its gunzipped body. */
  private record BytesResponse(java.net.http.HttpHeaders headers, byte[] body) {}

  /** The binary answer read by the layout docs/api.md gives, independently of the server's code. */
  private record Decoded(String metric, long points, Long since, List<Curve> curves) {
    record Curve(
        String trial,
        long[] steps,
        double[] values,
        int count,
        boolean downsampled,
        Long lastStep,
        boolean log,
        boolean float32) {}

    static Decoded of(byte[] bytes) {
      var b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[4];
      b.get(magic);
      assertThat(new String(magic, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ILC1");
      String metric = text(b);
      long points = Integer.toUnsignedLong(b.getInt());
      boolean hasSince = b.get() != 0;
      long since = b.getLong();
      int n = b.getInt();
      List<Curve> curves = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        String trial = text(b);
        int kept = b.getInt();
        int count = b.getInt();
        int flags = b.get();
        long last = b.getLong();
        double lo = b.getDouble();
        double hi = b.getDouble();
        long[] steps = new long[kept];
        long step = 0;
        for (int i = 0; i < kept; i++) {
          long z = 0;
          int shift = 0;
          int x;
          do {
            x = b.get() & 0xFF;
            z |= (long) (x & 0x7F) << shift;
            shift += 7;
          } while ((x & 0x80) != 0);
          step += (z >>> 1) ^ -(z & 1);
          steps[i] = step;
        }
        boolean log = (flags & 4) != 0;
        boolean float32 = (flags & 8) != 0;
        double[] values = new double[kept];
        if (float32) {
          int[] bits = new int[kept];
          for (int plane = 0; plane < 4; plane++)
            for (int i = 0; i < kept; i++) bits[i] |= (b.get() & 0xFF) << (24 - 8 * plane);
          for (int i = 0; i < kept; i++) values[i] = Float.intBitsToFloat(bits[i]);
        }
        int[] q = new int[kept];
        if (!float32) {
          for (int i = 0; i < kept; i++) q[i] = (b.get() & 0xFF) << 8;
          for (int i = 0; i < kept; i++) q[i] |= b.get() & 0xFF;
        }
        for (int i = 0; i < kept && !float32; i++) {
          double f = q[i] / 65_535.0;
          values[i] =
              q[i] == 0
                  ? lo
                  : q[i] == 65_535
                      ? hi
                      : log
                          ? Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo)))
                          : lo + f * (hi - lo);
        }
        curves.add(
            new Curve(
                trial,
                steps,
                values,
                count,
                (flags & 1) != 0,
                (flags & 2) != 0 ? last : null,
                log,
                float32));
      }
      assertThat(b.remaining()).as("nothing after the last curve").isZero();
      return new Decoded(metric, points, hasSince ? since : null, curves);
    }

    private static String text(java.nio.ByteBuffer b) {
      byte[] s = new byte[Short.toUnsignedInt(b.getShort())];
      b.get(s);
      return new String(s, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("an unchanged answer is a 304 for its ETag; a new point changes the ETag")
  void etag() throws Exception {
    write(trials.get(0), "train_loss", new long[] {1, 2}, new double[] {1, 2});
    String path = "/api/sweeps/" + sweep + "/curves?metric=train_loss&points=50";
    HttpResponse<String> first = h.get(path);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        h.send(HttpRequest.newBuilder(URI.create(h.base + path)).header("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    var other =
        h.send(
            HttpRequest.newBuilder(URI.create(h.base + path.replace("=50", "=51")))
                .header("If-None-Match", etag));
    assertThat(other.statusCode()).as("another query, another ETag").isEqualTo(200);
    write(trials.get(0), "train_loss", new long[] {3}, new double[] {3});
    HttpResponse<String> changed =
        h.send(HttpRequest.newBuilder(URI.create(h.base + path)).header("If-None-Match", etag));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    assertThat(curveOf(new JsonObject(changed.body()), trials.get(0)).getJsonArray("steps"))
        .containsExactly(1, 2, 3);
  }

  @Test
  @DisplayName("a gzip-accepting client gets the same answer compressed")
  void gzip() throws Exception {
    write(trials.get(0), "train_loss", new long[] {1, 2}, new double[] {0.25, 0.5});
    String path = "/api/sweeps/" + sweep + "/curves?metric=train_loss";
    var r =
        h.client.send(
            HttpRequest.newBuilder(URI.create(h.base + path))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String text =
        new String(
            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    lab.inception.coordinator.Contract.check(
        "GET", r.uri(), r.statusCode(), "application/json", text);
    assertThat(new JsonObject(text)).isEqualTo(new JsonObject(h.get(path).body()));
  }

  @Test
  @DisplayName(
      "bad metrics, points beyond the limits, unknown trials and unknown sweeps are refused")
  void bounds() throws Exception {
    String base = "/api/sweeps/" + sweep + "/curves?";
    assertThat(error(base + "points=10", 400)).contains("metric");
    assertThat(error(base + "metric=loss", 400)).contains("metric").contains("train_loss");
    assertThat(error(base + "metric=train_loss&points=0", 400)).contains("points").contains("5000");
    assertThat(error(base + "metric=train_loss&points=5001", 400)).contains("points");
    assertThat(error(base + "metric=train_loss&points=many", 400)).contains("points");
    assertThat(error(base + "metric=train_loss&since=x", 400)).contains("since");
    assertThat(error(base + "metric=train_loss&trials=nope", 400)).contains("nope");
    assertThat(error("/api/sweeps/nope/curves?metric=train_loss", 404)).contains("nope");
  }

  @Test
  @DisplayName("more trials × points than one answer holds is a 400 naming the limit")
  void valueBound() throws Exception {
    var r =
        h.post(
            "/api/sweeps",
            "name: many\ndataset: synthetic-shapes\nmethod: random\nmaxTrials: 401\n"
                + "parameters:\n  model: googlenet\n  lr: {min: 0.001, max: 0.1}\n  epochs: 1\n");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String many = new JsonObject(r.body()).getString("id");
    var big = h.get("/api/sweeps/" + many + "/curves?metric=train_loss&points=5000");
    assertThat(big.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(big.body()).getString("error")).contains("2000000").contains("401");
    assertThat(h.get("/api/sweeps/" + many + "/curves?metric=train_loss&points=4000").statusCode())
        .isEqualTo(200);
  }

  private String error(String path, int status) throws Exception {
    var r = h.get(path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return new JsonObject(r.body()).getString("error");
  }
}
