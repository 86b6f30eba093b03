package lab.inception.coordinator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.report.ReportData;
import lab.inception.coordinator.report.SweepReport;
import lab.inception.coordinator.report.SweepReport.Format;
import lab.inception.coordinator.store.Store;

/**
 * {@code GET /api/sweeps/{id}/report?format=md|html&groupBy=PARAMS}: the sweep's report (the CLI's
 * {@code sweep report} and the dashboard's button), gathered from the store and rendered off the
 * event loop.
 */
final class SweepReports {
  /** Metric points read per trial and metric (the curves are downsampled when drawn). */
  static final int POINTS = 100_000;

  private final Vertx vertx;
  private final Store store;

  SweepReports(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
  }

  void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String f = ctx.request().getParam("format");
    Format format;
    try {
      format = f == null || f.isBlank() ? Format.MD : Format.parse(f);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    String groupBy = ctx.request().getParam("groupBy");
    HttpApiVerticle.found(store.sweep(id), "sweep", id)
        .compose(sweep -> store.trials(id).compose(docs -> data(sweep, Results.rows(docs))))
        .compose(d -> vertx.executeBlocking(() -> render(d, groupBy, format), false))
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader("Content-Type", format.mediaType() + "; charset=utf-8")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"" + id + "-report." + format.extension() + "\"")
                    .end(text))
        .onFailure(ctx::fail);
  }

  private static String render(ReportData d, String groupBy, Format format) {
    try {
      return SweepReport.render(d, groupBy, format);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private Future<ReportData> data(JsonObject sweep, JsonArray rows) {
    List<Future<ReportData.Curve>> curves = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String trial = rows.getJsonObject(i).getString("trial");
      for (String metric : ReportData.CURVE_METRICS)
        curves.add(
            store
                .metrics(trial, -1, metric, POINTS)
                .map(p -> ReportData.Curve.of(metric, trial, p)));
    }
    return Future.all(curves).map(all -> new ReportData(sweep, rows, all.list()));
  }
}
