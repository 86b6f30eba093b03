package lab.inception.coordinator.http;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.TooLongFormFieldException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.TooManyFormFieldsException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lab.inception.coordinator.CoordinatorAddresses;
import lab.inception.coordinator.EventHub;
import lab.inception.coordinator.store.Paging;
import lab.inception.coordinator.store.Store;
import lab.inception.coordinator.sweep.Problem;
import lab.inception.coordinator.sweep.SweepFiles;
import lab.inception.coordinator.sweep.SweepParser;
import lab.inception.coordinator.sweep.SweepSpec;
import lab.inception.coordinator.sweep.SweepValidationException;

/**
 * The HTTP API of INTERFACE.md under {@code /api}, the {@code /api/events} stream and the dashboard
 * (classpath {@code webroot/}, with index.html for every other path). Reads come from the store;
 * commands go to the coordinator over local event-bus addresses. One failure handler turns every
 * failure into a JSON error: 4xx for client mistakes, 5xx only for the server's own.
 */
public final class HttpApiVerticle extends VerticleBase {

  private static final long FLUSH_MS = 50;
  private static final JsonArray PARAMETERS = Catalogs.parameters();
  private static final JsonArray DATASETS = Catalogs.datasets();
  private static final JsonArray METRICS = Catalogs.metrics();

  private final Store store;
  private final EventHub hub;
  private final HttpConfig config;
  private final ModelInfo models = new ModelInfo();
  private final EventStream stream;
  private SweepTrials sweepTrials;
  private HttpServer server;

  public HttpApiVerticle(Store store, EventHub hub, HttpConfig config) {
    this.store = store;
    this.hub = hub;
    this.config = config.checked();
    this.stream = new EventStream(hub, config.maxEventClients());
  }

  /** The port the server listens on (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    sweepTrials = new SweepTrials(vertx, store, SweepTrials.MAX_TRIALS);
    vertx.setPeriodic(FLUSH_MS, id -> flush());
    vertx.setPeriodic(15_000, id -> stream.ping());
    server = vertx.createHttpServer(serverOptions());
    return server
        .requestHandler(router())
        .invalidRequestHandler(InvalidRequests::answer)
        .listen(config.port(), config.host())
        // The zoo's costs take seconds to compute: done once in the background, the dashboard's
        // first visit to the models finds them ready.
        .onSuccess(s -> models.list(vertx));
  }

  /**
   * HTTP/1.1 only in clear text: browsers never use h2c, and on an HTTP/2 stream the event stream's
   * write-queue bound would not hold (a client one flow-control window behind would be dropped at
   * once). A request line over {@value #MAX_INITIAL_LINE} bytes is answered 414, headers over
   * {@value #MAX_HEADERS} bytes 431 (by {@link InvalidRequests}, with a JSON body).
   */
  static HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setHttp2ClearTextEnabled(false)
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxHeaderSize(MAX_HEADERS);
  }

  /**
   * At most this many problems of a sweep are listed in a 400's details: a 60 KB list of 20,000
   * wrong values would otherwise be answered with megabytes.
   */
  static final int MAX_DETAILS = 100;

  static final int MAX_INITIAL_LINE = 8192;
  static final int MAX_HEADERS = 16384;

  private Router router() {
    Router r = Router.router(vertx);
    r.route("/api/*").handler(new RequestGuard(config));
    r.post("/api/*")
        .handler(
            BodyHandler.create().setBodyLimit(SweepFiles.MAX_CHARS).setHandleFileUploads(false));
    r.patch("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    r.post("/api/sweeps").handler(this::submit);
    r.get("/api/sweeps").handler(this::sweeps);
    r.patch("/api/sweeps/:id").handler(this::edit);
    r.delete("/api/sweeps/:id").handler(this::delete);
    r.get("/api/sweeps/:id")
        .handler(
            ctx ->
                reply(ctx, found(store.sweep(ctx.pathParam("id")), "sweep", ctx.pathParam("id"))));
    r.post("/api/sweeps/:id/:action").handler(this::control);
    r.get("/api/sweeps/:id/trials")
        .handler(ctx -> trials(ctx, SweepTrials.Snapshot::list, Trials::all));
    r.get("/api/sweeps/:id/results")
        .handler(ctx -> trials(ctx, SweepTrials.Snapshot::results, Results::rows));
    r.get("/api/sweeps/:id/results.csv").handler(this::resultsCsv);
    r.get("/api/sweeps/:id/curves").handler(new CurvesEndpoint(vertx, store)::handle);
    r.get("/api/sweeps/:id/report").handler(new SweepReports(vertx, store)::handle);
    r.get("/api/sweeps/:id/importance").handler(ctx -> reply(ctx, importance(ctx)));
    r.get("/api/sweeps/:id/importance.csv")
        .handler(ctx -> csv(ctx, importance(ctx).map(SearchResults::importanceCsv), "importance"));
    r.get("/api/sweeps/:id/front").handler(ctx -> reply(ctx, front(ctx)));
    r.get("/api/sweeps/:id/front.csv")
        .handler(ctx -> csv(ctx, front(ctx).map(SearchResults::frontCsv), "front"));
    r.get("/api/trials/:id")
        .handler(
            ctx ->
                reply(
                    ctx,
                    offLoop(
                        found(store.trial(ctx.pathParam("id")), "trial", ctx.pathParam("id")),
                        Trials::one)));
    r.get("/api/trials/:id/log").handler(this::log);
    r.get("/api/parameters").handler(ctx -> reply(ctx, Future.succeededFuture(PARAMETERS)));
    r.get("/api/datasets").handler(ctx -> reply(ctx, Future.succeededFuture(DATASETS)));
    r.get("/api/metrics").handler(ctx -> reply(ctx, Future.succeededFuture(METRICS)));
    r.get("/api/trials/:id/metrics").handler(this::metrics);
    r.get("/api/trials/:id/model.onnx").handler(new OnnxDownload(vertx, store)::handle);
    r.post("/api/trials/:id/retry").handler(this::retry);
    r.get("/api/models").handler(ctx -> reply(ctx, models.list(vertx)));
    r.get("/api/models/:name")
        .handler(ctx -> reply(ctx, models.model(vertx, ctx.pathParam("name"), ctx.queryParams())));
    r.get("/api/workers")
        .handler(
            ctx ->
                reply(
                    ctx,
                    vertx
                        .eventBus()
                        .<JsonObject>request(CoordinatorAddresses.WORKERS, new JsonObject())
                        .map(m -> m.body().getJsonArray("workers"))));
    r.get("/api/cluster").handler(this::cluster);
    r.get("/api/events").handler(this::events);
    r.get("/api/openapi.json").handler(this::openapi);
    r.route("/api/*")
        .handler(
            ctx ->
                ctx.fail(
                    new ApiError(
                        404,
                        "no such endpoint: "
                            + ctx.request().method()
                            + " "
                            + ctx.request().path())));
    r.route("/api/*").failureHandler(this::failure);
    // what the router refuses before any route (a path that does not decode): the same JSON
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      r.errorHandler(status, ctx -> failure(ctx, status));
    }
    r.get("/assets/*").handler(ctx -> cache(ctx, ASSET_CACHE));
    r.get("/").handler(ctx -> cache(ctx, PAGE_CACHE));
    r.route().handler(StaticHandler.create("webroot").setCachingEnabled(false));
    r.get().handler(this::spaFallback);
    return r;
  }

  // ---- sweeps and trials ----

  private void submit(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    reply(
        ctx,
        vertx
            .executeBlocking(() -> SweepParser.parse(text, config.data()), false)
            .compose(
                (SweepSpec spec) ->
                    vertx
                        .eventBus()
                        .<JsonObject>request(
                            CoordinatorAddresses.SWEEP_SUBMIT,
                            new JsonObject().put("spec", spec.toJson()).put("source", text)))
            .map(m -> m.body()),
        201);
  }

  /** The sweeps: the whole list without paging parameters, else sorted, filtered and paged. */
  private void sweeps(RoutingContext ctx) {
    if (ListParams.none(ctx)) {
      reply(ctx, store.sweeps(booleanParam(ctx, "archived", false)));
      return;
    }
    Paging.Query q = ListParams.of(ctx, Paging.Listing.SWEEPS);
    reply(ctx, store.sweepsPage(q).map(p -> answer(q, p, p.items())));
  }

  /**
   * A sweep's trials as trial documents or result rows: the whole list without paging parameters
   * ({@code whole}, from the sweep's shared {@link SweepTrials} snapshot), else sorted, filtered
   * and paged in the store ({@code convert} writes the page's stored documents).
   */
  private void trials(
      RoutingContext ctx,
      java.util.function.Function<SweepTrials.Snapshot, Future<Buffer>> whole,
      java.util.function.Function<JsonArray, JsonArray> convert) {
    String id = ctx.pathParam("id");
    if (ListParams.none(ctx)) {
      reply(ctx, sweepThen(ctx, () -> sweepTrials.of(id).compose(whole)));
      return;
    }
    Paging.Query q = ListParams.of(ctx, Paging.Listing.TRIALS);
    reply(
        ctx,
        sweepThen(
            ctx,
            () ->
                offLoop(
                    store.trialsPage(id, q),
                    p -> encoded(answer(q, p, convert.apply(p.items()))))));
  }

  /** A page as {@code {items, next, total}} when a limit was given, else its rows as an array. */
  private static Object answer(Paging.Query q, Paging.Page p, JsonArray items) {
    if (q.limit() < 0) return items;
    return new JsonObject().put("items", items).put("next", p.next()).put("total", p.total());
  }

  private void control(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    if (!List.of("cancel", "pause", "resume").contains(action)) {
      ctx.fail(
          new ApiError(
              404,
              "no such endpoint: POST /api/sweeps/{id}/" + action + " (cancel, pause or resume)"));
      return;
    }
    command(
        ctx,
        CoordinatorAddresses.SWEEP_CONTROL,
        new JsonObject().put("sweep", ctx.pathParam("id")).put("action", action));
  }

  /** Asks the coordinator to act; its reply is the answer, its failure code the status. */
  private void command(RoutingContext ctx, String address, JsonObject cmd) {
    reply(ctx, vertx.eventBus().<JsonObject>request(address, cmd).map(m -> m.body()));
  }

  /** Notes, tags, archived: the store's alone (the scheduler never reads them). */
  private void edit(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    SweepEdit e = SweepEdit.parse(ctx.body() == null ? null : ctx.body().asString());
    reply(
        ctx,
        store
            .updateSweepMeta(id, e.notes(), e.tags(), e.archived())
            .compose(
                known ->
                    known
                        ? found(store.sweep(id), "sweep", id)
                        : Future.failedFuture(ApiError.notFound("unknown sweep '" + id + "'"))));
  }

  private void delete(RoutingContext ctx) {
    command(
        ctx, CoordinatorAddresses.SWEEP_DELETE, new JsonObject().put("sweep", ctx.pathParam("id")));
  }

  private void retry(RoutingContext ctx) {
    command(
        ctx, CoordinatorAddresses.TRIAL_RETRY, new JsonObject().put("trial", ctx.pathParam("id")));
  }

  private void metrics(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    long after = longParam(ctx, "after", -1);
    long limit = longParam(ctx, "limit", 100_000);
    if (limit < 1 || limit > 1_000_000)
      throw ApiError.badRequest("limit must be between 1 and 1000000 (got " + limit + ")");
    String name = ctx.request().getParam("name");
    reply(
        ctx,
        found(store.trial(id), "trial", id)
            .compose(t -> store.metrics(id, after, name, (int) limit)));
  }

  /** The most a {@code tail} of a log may ask for. */
  static final long MAX_LOG_TAIL = 1 << 20;

  /**
   * An attempt's whole log (the newest attempt's without {@code attempt}), as plain text; with
   * {@code tail} only its last bytes, so a page following a running attempt reads a few KB a time.
   */
  private void log(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    long attempt = longParam(ctx, "attempt", 0);
    long tail = longParam(ctx, "tail", 0);
    if (ctx.request().getParam("tail") != null && (tail < 1 || tail > MAX_LOG_TAIL))
      throw ApiError.badRequest(
          "tail must be between 1 and " + MAX_LOG_TAIL + " bytes (got " + tail + ")");
    found(store.trial(id), "trial", id)
        .map(doc -> Trials.logPath(doc, attempt))
        .compose(path -> vertx.fileSystem().exists(path).map(e -> e ? path : missingLog(id, path)))
        .compose(
            path ->
                vertx
                    .fileSystem()
                    .props(path)
                    .map(p -> new LogSlice(path, tail == 0 ? 0 : Math.max(0, p.size() - tail))))
        .onSuccess(
            slice ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .sendFile(slice.path(), slice.from())
                    .onFailure(ctx::fail))
        .onFailure(ctx::fail);
  }

  /** The part of a log file to send: from byte {@code from} to its end. */
  private record LogSlice(String path, long from) {}

  private static String missingLog(String trial, String path) {
    throw ApiError.notFound(
        "the log of trial "
            + trial
            + " is not readable here ("
            + path
            + "): it is on the worker's"
            + " disk; the trial's attempts[].logTail holds its last lines");
  }

  private void resultsCsv(RoutingContext ctx) {
    sweepThen(
            ctx,
            () ->
                offLoop(
                    sweepTrials.of(ctx.pathParam("id")),
                    t -> Results.csv(Results.rows(t.trials()))))
        .onSuccess(
            csv ->
                ctx.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"" + ctx.pathParam("id") + "-results.csv\"")
                    .end(csv))
        .onFailure(ctx::fail);
  }

  // ---- what the search found ----

  private Future<JsonObject> importance(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    long objective = longParam(ctx, "objective", 0);
    return found(store.sweep(id), "sweep", id)
        .compose(
            s ->
                offLoop(
                    sweepTrials.of(id),
                    t ->
                        SearchResults.importance(
                            s, t.trials(), (int) Math.max(-1, Math.min(objective, 1000)))));
  }

  private Future<JsonObject> front(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return found(store.sweep(id), "sweep", id)
        .compose(s -> offLoop(sweepTrials.of(id), t -> SearchResults.front(s, t.trials())));
  }

  private static void csv(RoutingContext ctx, Future<String> body, String what) {
    body.onSuccess(
            text ->
                ctx.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"" + ctx.pathParam("id") + "-" + what + ".csv\"")
                    .end(text))
        .onFailure(ctx::fail);
  }

  /**
   * Reads trial documents back through {@link Trials} (and the results table) on a worker thread: a
   * sweep of 10,000 trials is 10,000 documents parsed and written again, too much for an event
   * loop.
   */
  private <T, R> Future<R> offLoop(Future<T> read, java.util.function.Function<T, R> convert) {
    return read.compose(v -> vertx.executeBlocking(() -> convert.apply(v), false));
  }

  private <T> Future<T> sweepThen(RoutingContext ctx, java.util.function.Supplier<Future<T>> next) {
    return found(store.sweep(ctx.pathParam("id")), "sweep", ctx.pathParam("id"))
        .compose(s -> next.get());
  }

  static <T> Future<T> found(Future<T> f, String what, String id) {
    return f.compose(
        v ->
            v == null
                ? Future.failedFuture(ApiError.notFound("unknown " + what + " '" + id + "'"))
                : Future.succeededFuture(v));
  }

  static long longParam(RoutingContext ctx, String k, long d) {
    String v = ctx.request().getParam(k);
    if (v == null || v.isBlank()) return d;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(k + " must be an integer (got " + v + ")");
    }
  }

  static boolean booleanParam(RoutingContext ctx, String k, boolean d) {
    String v = ctx.request().getParam(k);
    if (v == null || v.isBlank()) return d;
    return switch (v.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.badRequest(k + " must be true or false (got " + v + ")");
    };
  }

  private void cluster(RoutingContext ctx) {
    var cm = ((io.vertx.core.internal.VertxInternal) vertx).clusterManager();
    List<String> nodes = cm == null ? List.of() : cm.getNodes();
    JsonObject j =
        new JsonObject()
            .put("clustered", cm != null)
            .put("size", cm == null ? 1 : nodes.size())
            .put("nodes", new JsonArray(nodes))
            .put("self", cm == null ? null : cm.getNodeId());
    reply(ctx, Future.succeededFuture(j));
  }

  // ---- events ----

  private void events(RoutingContext ctx) {
    if (!stream.accepting()) {
      throw new ApiError(
          503,
          "too many open event streams (at most "
              + config.maxEventClients()
              + "); close one or raise --max-event-clients");
    }
    String sweep = ctx.request().getParam("sweep");
    String last = ctx.request().getHeader("Last-Event-ID");
    if (last == null) last = ctx.request().getParam("lastEventId");
    Long lastId = null;
    if (last != null && !last.isBlank()) {
      try {
        lastId = Long.parseLong(last.trim());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("Last-Event-ID must be an integer (got " + last + ")");
      }
    }
    Long from = lastId;
    Future<Object> check =
        sweep == null
            ? Future.succeededFuture()
            : found(store.sweep(sweep), "sweep", sweep).map(x -> x);
    check
        .onSuccess(
            x -> {
              if (!stream.accepting()) {
                ctx.fail(new ApiError(503, "too many open event streams"));
                return;
              }
              flush();
              stream.open(ctx.response(), sweep, from);
            })
        .onFailure(ctx::fail);
  }

  private void flush() {
    EventHub.Batch b = hub.flush();
    if (b != null) stream.broadcast(b);
  }

  // ---- documents ----

  private void openapi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(resource("openapi.json"));
  }

  /**
   * The dashboard's built files are named by their content's hash (Vite's {@code
   * assets/NAME-HASH}): a browser keeps them for good instead of asking for every script again on
   * every page load.
   */
  static final String ASSET_CACHE = "public, max-age=31536000, immutable";

  /** The page that names them is asked again each time, so a new build is used at once. */
  static final String PAGE_CACHE = "no-cache";

  private static void cache(RoutingContext ctx, String policy) {
    ctx.response().putHeader("Cache-Control", policy);
    ctx.next();
  }

  private void spaFallback(RoutingContext ctx) {
    String index = resource("webroot/index.html");
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8");
    ctx.response().putHeader("Cache-Control", PAGE_CACHE);
    if (index != null) {
      ctx.response().end(index);
    } else {
      ctx.response()
          .end(
              "<!doctype html><title>Inception Lab</title><h1>Inception Lab</h1>"
                  + "<p>The dashboard is not packaged in this build. The API is at <a href=\"/api/sweeps\">/api</a>, "
                  + "documented in <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p>");
    }
  }

  private static String resource(String path) {
    try (InputStream in = HttpApiVerticle.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  // ---- replies and failures ----

  private static void reply(RoutingContext ctx, Future<?> f) {
    reply(ctx, f, 200);
  }

  private static void reply(RoutingContext ctx, Future<?> f, int status) {
    f.onSuccess(
            v -> {
              Buffer body = v instanceof Buffer b ? b : encoded(v);
              ctx.response()
                  .setStatusCode(status)
                  .putHeader("Content-Type", "application/json")
                  .end(body);
            })
        .onFailure(ctx::fail);
  }

  /**
   * A reply's JSON text. Large answers (a sweep's trials or results: megabytes at 10,000 trials)
   * are encoded where they were built, off the event loop, so that concurrent requests are not held
   * up behind them; {@link #reply} sends a buffer as it is.
   */
  private static Buffer encoded(Object v) {
    return v instanceof JsonObject o
        ? o.toBuffer()
        : v instanceof JsonArray a ? a.toBuffer() : Buffer.buffer(String.valueOf(v));
  }

  /** An IllegalArgumentException from Netty's or Vert.x's decoding of what the client sent. */
  private static boolean fromDecoder(IllegalArgumentException e) {
    for (StackTraceElement f : e.getStackTrace()) {
      String c = f.getClassName();
      if (c.startsWith("io.netty.handler.codec.") || c.startsWith("io.vertx.core.http.impl.")) {
        return true;
      }
    }
    return false;
  }

  private void failure(RoutingContext ctx) {
    failure(ctx, ctx.statusCode());
  }

  /** The one failure handler: {@code code} is the status the router chose, or -1. */
  private void failure(RoutingContext ctx, int code) {
    Throwable t = ctx.failure();
    int status;
    String message;
    JsonArray details = new JsonArray();
    if (t instanceof ApiError e) {
      status = e.status();
      message = e.getMessage();
      details = e.details();
    } else if (t instanceof SweepValidationException e) {
      status = 400;
      message =
          e.problems().size() == 1
              ? e.problems().get(0).toString()
              : "the sweep file has "
                  + e.problems().size()
                  + " problems"
                  + (e.problems().size() > MAX_DETAILS
                      ? " (the first " + MAX_DETAILS + " in details)"
                      : "");
      for (Problem p : e.problems().subList(0, Math.min(MAX_DETAILS, e.problems().size()))) {
        details.add(p.toJson());
      }
    } else if (t instanceof DecodeException e) {
      status = 400;
      message = "malformed JSON: " + e.getMessage();
    } else if (t instanceof ReplyException e
        && e.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && e.failureCode() >= 400) {
      status = e.failureCode();
      message = e.getMessage();
    } else if (t instanceof ReplyException e) {
      status = 503;
      message = "the coordinator did not answer (" + e.failureType().name().toLowerCase() + ")";
    } else if (t == null || t instanceof HttpException) {
      status = t instanceof HttpException e ? e.getStatusCode() : code > 0 ? code : 500;
      message =
          switch (status) {
            case 413 -> "request body too large (at most " + SweepFiles.MAX_CHARS + " bytes)";
            case 415 -> "unsupported Content-Type; send application/json or application/yaml";
            case 405 -> "method not allowed";
            case 404 -> "no such endpoint";
            case 400 -> "bad request";
            default -> "request failed";
          };
    } else if (t instanceof TooLongFormFieldException || t instanceof TooManyFormFieldsException) {
      status = 413;
      message = "form too large; send the sweep as application/json or application/yaml";
    } else if (t instanceof IllegalArgumentException e && fromDecoder(e)) {
      status = 400;
      message = "malformed request: " + e.getMessage();
    } else if (code >= 400 && code < 500) {
      status = code; // the router's own refusal, e.g. a request without Host
      message = t.getMessage();
    } else {
      status = 500;
      message = "internal error: " + t;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).put("details", details).encode());
  }
}
