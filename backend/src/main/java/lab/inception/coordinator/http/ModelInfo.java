package lab.inception.coordinator.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.cost.CostLimits;
import lab.inception.worker.cost.CostReport;
import lab.inception.worker.cost.GraphExporter;
import lab.inception.worker.cost.ModelSummary;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelZoo;

/**
 * The {@code /api/models} answers. Each analysis runs on a small pool of its own threads (never on
 * the event loop, never more than {@value #POOL} at once, at most {@value #MAX_PENDING} waiting,
 * beyond: 503), within {@value #TIME_LIMIT_MS} ms (else 503), on configurations within {@link
 * CostLimits} (else 400), and the last {@value #CACHED} answers are kept.
 */
final class ModelInfo {

  static final int POOL = 2;
  static final int MAX_PENDING = 64;
  static final long TIME_LIMIT_MS = 20_000;
  static final int CACHED = 64;

  private final Map<String, JsonObject> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonObject> e) {
          return size() > CACHED;
        }
      };
  private final AtomicInteger pending = new AtomicInteger();
  private WorkerExecutor pool;
  private Future<JsonArray> list;

  /** Every model with its cost at its reference input; computed once. */
  synchronized Future<JsonArray> list(Vertx vertx) {
    if (list == null) {
      list = pool(vertx).executeBlocking(ModelInfo::summaries, false);
      list.onFailure(e -> clearList());
    }
    return list;
  }

  private synchronized void clearList() {
    list = null;
  }

  private static JsonArray summaries() {
    JsonArray a = new JsonArray();
    for (String name : ModelZoo.names()) a.add(new JsonObject(ModelSummary.of(name).toMap()));
    return a;
  }

  /**
   * The {@code flops --json} object of a model with the query's options, plus {@code graph}.
   *
   * @throws ApiError 404 for an unknown model, 400 for a bad or too large configuration
   */
  Future<JsonObject> model(Vertx vertx, String name, MultiMap q) {
    if (!ModelZoo.names().contains(name)) {
      throw ApiError.notFound(
          "unknown model '" + name + "'; known: " + String.join(", ", ModelZoo.names()));
    }
    ModelConfig cfg = config(name, q);
    String key = cfg.toString();
    JsonObject cached = cached(key);
    if (cached != null) return Future.succeededFuture(cached);
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      throw new ApiError(503, "too many model analyses at once; try again shortly");
    }
    Future<JsonObject> done =
        pool(vertx)
            .executeBlocking(() -> analyze(key, cfg), false)
            .onComplete(r -> pending.decrementAndGet());
    return done.timeout(TIME_LIMIT_MS, TimeUnit.MILLISECONDS)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof TimeoutException
                        ? new ApiError(
                            503, "the analysis took longer than " + TIME_LIMIT_MS / 1000 + " s")
                        : e));
  }

  private JsonObject analyze(String key, ModelConfig cfg) {
    try {
      CostReport r = CostAnalyzer.analyze(cfg);
      JsonObject j =
          new JsonObject(r.toMap()).put("graph", new JsonObject(GraphExporter.export(r)));
      synchronized (cache) {
        cache.put(key, j);
      }
      return j;
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private JsonObject cached(String key) {
    synchronized (cache) {
      return cache.get(key);
    }
  }

  private synchronized WorkerExecutor pool(Vertx vertx) {
    if (pool == null) pool = vertx.createSharedWorkerExecutor("inception-cost", POOL);
    return pool;
  }

  private static ModelConfig config(String name, MultiMap q) {
    ModelConfig ref = ModelZoo.reference(name);
    int c = ref.channels();
    int h = ref.height();
    int w = ref.width();
    String input = q.get("input");
    if (input != null && !input.isBlank()) {
      String[] p = input.toLowerCase().split("[x×]");
      try {
        if (p.length != 3) throw new NumberFormatException();
        c = Integer.parseInt(p[0].trim());
        h = Integer.parseInt(p[1].trim());
        w = Integer.parseInt(p[2].trim());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("input must be CxHxW, e.g. 3x224x224 (got " + input + ")");
      }
    }
    int classes = intParam(q, "classes", ref.classes());
    double width = doubleParam(q, "width", 1.0);
    boolean aux = "true".equalsIgnoreCase(q.get("aux")) || "1".equals(q.get("aux"));
    ModelConfig.Stem stem;
    ModelConfig.BlockKind block;
    try {
      stem = ModelConfig.Stem.parse(q.get("stem") == null ? "imagenet" : q.get("stem"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("stem must be imagenet or small (got " + q.get("stem") + ")");
    }
    try {
      block = ModelConfig.BlockKind.parse(q.get("block") == null ? "reduced" : q.get("block"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(ModelConfig.BlockKind.unknown(q.get("block")));
    }
    ModelConfig cfg = new ModelConfig(name, c, h, w, classes, aux, width, stem, block);
    try {
      ModelZoo.validate(cfg);
      CostLimits.check(cfg);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    return cfg;
  }

  static int intParam(MultiMap q, String k, int d) {
    String v = q.get(k);
    if (v == null || v.isBlank()) return d;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(k + " must be an integer (got " + v + ")");
    }
  }

  static double doubleParam(MultiMap q, String k, double d) {
    String v = q.get(k);
    if (v == null || v.isBlank()) return d;
    try {
      double x = Double.parseDouble(v.trim());
      if (!Double.isFinite(x)) throw new NumberFormatException();
      return x;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(k + " must be a number (got " + v + ")");
    }
  }
}
