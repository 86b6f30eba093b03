package lab.inception.coordinator.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The accuracy × MACs Pareto front of a sweep's results: the trials no other trial beats on both
 * (at most as many MACs and at least the accuracy, one of them strictly). Pure.
 */
public final class ParetoFront {

  /** The accuracy the front maximises: the best validation accuracy (the test split stays out). */
  public static final String ACCURACY = "bestValAccuracy";

  private ParetoFront() {}

  /** The rows with both values, for the scatter. */
  public static List<JsonObject> measured(JsonArray rows) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      if (r.getDouble(ACCURACY) != null && r.getLong("macs") != null) out.add(r);
    }
    return out;
  }

  /** The front, fewest MACs first (so accuracy rises along it). */
  public static List<JsonObject> of(JsonArray rows) {
    List<JsonObject> sorted = new ArrayList<>(measured(rows));
    sorted.sort(
        Comparator.<JsonObject>comparingLong(r -> r.getLong("macs"))
            .thenComparing(r -> -r.getDouble(ACCURACY)));
    List<JsonObject> front = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    long bestMacs = -1;
    for (JsonObject r : sorted) {
      double acc = r.getDouble(ACCURACY);
      long macs = r.getLong("macs");
      // better than every cheaper trial, or a tie with the last one kept (neither beats the other)
      if (acc > best || (acc == best && macs == bestMacs)) {
        front.add(r);
        best = acc;
        bestMacs = macs;
      }
    }
    return front;
  }
}
