package lab.inception.coordinator.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a sweep report is made of, as the HTTP API gives it.
 *
 * @param sweep the stored sweep ({@code GET /api/sweeps/{id}}), its spec included
 * @param rows its results ({@code GET /api/sweeps/{id}/results}), in trial order
 * @param curves metric curves of its trials
 */
public record ReportData(JsonObject sweep, JsonArray rows, List<Curve> curves) {

  /** The metrics a report draws, each per trial: validation accuracy per epoch, loss per step. */
  public static final List<String> CURVE_METRICS = List.of("val_accuracy", "train_loss");

  /** One metric of one trial, in step order. */
  public record Curve(String metric, String trial, long[] steps, double[] values) {

    /** A curve from metric points ({@code {"step": ..., "value": ...}}, in step order). */
    public static Curve of(String metric, String trial, JsonArray points) {
      long[] s = new long[points.size()];
      double[] v = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        JsonObject p = points.getJsonObject(i);
        s[i] = p.getLong("step");
        v[i] = p.getDouble("value");
      }
      return new Curve(metric, trial, s, v);
    }
  }
}
