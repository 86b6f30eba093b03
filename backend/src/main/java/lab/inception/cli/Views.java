package lab.inception.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** Terminal renderings of a sweep for {@code sweep status} and {@code sweep watch}. */
final class Views {
  private Views() {}

  static String status(JsonObject s, JsonArray rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "sweep %s  %s  %s  %s%n",
            s.getString("id"),
            s.getString("name"),
            s.getString("state"),
            s.getJsonObject("counts").encode()));
    b.append(
        String.format(
            "%-22s %-10s %3s %12s %14s %8s %8s %8s %8s%n",
            "trial", "state", "try", "params", "MACs", "bestVal", "finalVal", "test", "seconds"));
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      b.append(
          String.format(
              "%-22s %-10s %3s %12s %14s %8s %8s %8s %8s%n",
              r.getString("trial"),
              r.getString("state"),
              r.getValue("attempt"),
              n(r.getValue("params")),
              n(r.getValue("macs")),
              f(r.getValue("bestValAccuracy")),
              f(r.getValue("finalValAccuracy")),
              f(r.getValue("testAccuracy")),
              f(r.getValue("seconds"))));
    }
    return b.toString();
  }

  static String live(String id, String state, Map<String, JsonObject> trials, boolean tty) {
    Map<String, Integer> counts = new TreeMap<>();
    trials.values().forEach(t -> counts.merge(t.getString("state", "?"), 1, Integer::sum));
    StringBuilder b = new StringBuilder();
    if (tty) b.append("\033[H\033[2J");
    b.append(String.format("sweep %s  %s  %s%n", id, state, counts));
    if (tty) {
      b.append(
          String.format(
              "%-22s %-10s %3s %6s %8s %10s %10s %10s%n",
              "trial", "state", "try", "epoch", "step", "train_loss", "val_loss", "val_acc"));
      trials.forEach(
          (k, t) ->
              b.append(
                  String.format(
                      "%-22s %-10s %3s %6s %8s %10s %10s %10s%n",
                      k,
                      t.getString("state", ""),
                      t.getValue("attempt", ""),
                      t.getValue("epoch", ""),
                      t.getValue("step", ""),
                      f(t.getValue("train_loss")),
                      f(t.getValue("val_loss")),
                      f(t.getValue("val_accuracy")))));
    }
    return b.toString();
  }

  private static String n(Object v) {
    return v == null ? "-" : String.format("%,d", ((Number) v).longValue());
  }

  private static String f(Object v) {
    return v instanceof Number x ? String.format("%.4f", x.doubleValue()) : "-";
  }
}
