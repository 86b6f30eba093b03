package lab.inception.coordinator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import lab.inception.coordinator.curves.BinaryCurves;
import lab.inception.coordinator.curves.Curve;
import lab.inception.coordinator.curves.SevenDigits;
import lab.inception.coordinator.store.Store;
import lab.inception.worker.protocol.Metric;

/**
 * {@code GET /api/sweeps/{id}/curves}: one metric of many trials in one answer, downsampled on the
 * server ({@link lab.inception.coordinator.curves.MinMaxBuckets}), as columnar JSON or, with {@code
 * format=binary|binary16}, as {@link BinaryCurves} (float32 or 16-bit values). The answer's ETag is
 * the store's generation: while nothing was written since, {@code If-None-Match} is answered 304
 * without reading a point. Reading, encoding and compressing happen off the event loop.
 */
final class CurvesEndpoint {

  static final int MAX_POINTS = 5000;
  static final int MAX_TRIALS = 10_000;
  static final long MAX_VALUES = 2_000_000;

  private final Vertx vertx;
  private final Store store;

  CurvesEndpoint(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
  }

  void handle(RoutingContext ctx) {
    String sweep = ctx.pathParam("id");
    String metricText = ctx.request().getParam("metric");
    if (metricText == null || metricText.isBlank())
      throw ApiError.badRequest("metric is required (a metric name, GET /api/metrics)");
    Metric metric =
        Metric.of(metricText.trim())
            .orElseThrow(
                () ->
                    ApiError.badRequest(
                        "metric: unknown metric '"
                            + metricText
                            + "' (known: "
                            + String.join(
                                ", ", Arrays.stream(Metric.values()).map(Metric::key).toList())
                            + ")"));
    long points = HttpApiVerticle.longParam(ctx, "points", 1000);
    if (points < 1 || points > MAX_POINTS)
      throw ApiError.badRequest(
          "points must be between 1 and " + MAX_POINTS + " (got " + points + ")");
    String sinceText = ctx.request().getParam("since");
    boolean hasSince = sinceText != null && !sinceText.isBlank();
    long since = HttpApiVerticle.longParam(ctx, "since", Long.MIN_VALUE);
    BinaryCurves.Values binary = binary(ctx.request().getParam("format"));
    String trialsText = ctx.request().getParam("trials");
    List<String> asked = trialsText == null || trialsText.isBlank() ? null : ids(trialsText);
    long generation = store.generation();
    String etag =
        "W/\"c"
            + store.epoch()
            + "-"
            + generation
            + "-"
            + Integer.toHexString(
                Objects.hash(sweep, metric, points, since, asked, String.valueOf(binary)))
            + "\"";
    HttpApiVerticle.found(store.sweep(sweep), "sweep", sweep)
        .compose(s -> store.trialIds(sweep))
        .compose(
            all -> {
              if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
                return Future.succeededFuture((Buffer) null);
              }
              List<String> trials = select(sweep, all, asked);
              if (trials.size() * points > MAX_VALUES)
                throw ApiError.badRequest(
                    "points × trials must be at most "
                        + MAX_VALUES
                        + " (got "
                        + points
                        + " × "
                        + trials.size()
                        + "): ask fewer points or name fewer trials");
              return store
                  .curves(metric.key(), since, trials, (int) points)
                  .compose(
                      curves ->
                          vertx.executeBlocking(
                              () -> {
                                Long from = hasSince ? since : null;
                                byte[] bytes =
                                    binary != null
                                        ? BinaryCurves.encode(
                                            metric.key(), points, from, curves, binary)
                                        : json(metric.key(), points, from, curves)
                                            .getBytes(StandardCharsets.UTF_8);
                                return body(bytes, gzip(ctx));
                              },
                              false));
            })
        .onSuccess(
            body -> {
              var res = ctx.response().putHeader("ETag", etag).putHeader("Vary", "Accept-Encoding");
              if (body == null) {
                res.setStatusCode(304).end();
                return;
              }
              if (gzip(ctx)) res.putHeader("Content-Encoding", "gzip");
              res.putHeader(
                      "Content-Type", binary != null ? BinaryCurves.MEDIA_TYPE : "application/json")
                  .end(body);
            })
        .onFailure(ctx::fail);
  }

  /** The values of the binary answer {@code format} asks for; null for JSON (the default). */
  private static BinaryCurves.Values binary(String format) {
    if (format == null || format.isBlank() || format.equals("json")) return null;
    if (format.equals("binary")) return BinaryCurves.Values.FLOAT32;
    if (format.equals("binary16")) return BinaryCurves.Values.QUANTISED;
    throw ApiError.badRequest("format must be json, binary or binary16 (got '" + format + "')");
  }

  private static List<String> ids(String text) {
    List<String> out = new ArrayList<>();
    for (String s : text.split(",", -1)) {
      String id = s.trim();
      if (id.isEmpty()) throw ApiError.badRequest("trials: an empty trial id in '" + text + "'");
      if (!out.contains(id)) out.add(id);
      if (out.size() > MAX_TRIALS)
        throw ApiError.badRequest("trials: at most " + MAX_TRIALS + " trials in one answer");
    }
    return out;
  }

  private static List<String> select(String sweep, List<String> all, List<String> asked) {
    if (asked == null) {
      if (all.size() > MAX_TRIALS)
        throw ApiError.badRequest(
            "the sweep has "
                + all.size()
                + " trials, more than the "
                + MAX_TRIALS
                + " trials one answer holds: name them with trials=");
      return all;
    }
    Set<String> known = new HashSet<>(all);
    for (String id : asked) {
      if (!known.contains(id))
        throw ApiError.badRequest("trials: '" + id + "' is not a trial of sweep " + sweep);
    }
    return asked;
  }

  private static boolean gzip(RoutingContext ctx) {
    String ae = ctx.request().getHeader("Accept-Encoding");
    return ae != null && ae.toLowerCase(java.util.Locale.ROOT).contains("gzip");
  }

  /** The answer's JSON, written directly: a million numbers through a JSON tree would be slow. */
  static String json(String metric, long points, Long since, List<Curve> curves) {
    int size = 64;
    for (Curve c : curves) size += 96 + c.steps().length * 20;
    StringBuilder b = new StringBuilder(size);
    b.append("{\"metric\":").append(Json.encode(metric));
    b.append(",\"points\":").append(points);
    b.append(",\"since\":").append(since);
    b.append(",\"trials\":[");
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      if (i > 0) b.append(',');
      b.append(ENCODED.computeIfAbsent(c, CurvesEndpoint::encode));
    }
    return b.append("]}").toString();
  }

  /**
   * Each curve's JSON, kept while the curve is (the store's curve cache hands out the same instance
   * until its trial gets new points): an answer of cached curves is joined, not written again.
   */
  private static final Map<Curve, String> ENCODED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static String encode(Curve c) {
    StringBuilder b = new StringBuilder(96 + c.steps().length * 20);
    b.append("{\"trial\":").append(Json.encode(c.trial())).append(",\"steps\":[");
    for (int j = 0; j < c.steps().length; j++) {
      if (j > 0) b.append(',');
      b.append(c.steps()[j]);
    }
    b.append("],\"values\":[");
    for (int j = 0; j < c.values().length; j++) {
      if (j > 0) b.append(',');
      SevenDigits.append(b, c.values()[j]);
    }
    b.append("],\"count\":").append(c.count());
    b.append(",\"downsampled\":").append(c.downsampled());
    return b.append(",\"lastStep\":").append(c.lastStep()).append('}').toString();
  }

  private static Buffer body(byte[] bytes, boolean gzip) throws IOException {
    if (!gzip) return Buffer.buffer(bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream z =
        new GZIPOutputStream(out, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      z.write(bytes);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
