package lab.inception.worker.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one trial.
 *
 * @param testAccuracy top-1 accuracy on the test split
 * @param testTop5 top-5 accuracy on the test split
 * @param bestValAccuracy best validation accuracy over the epochs
 * @param finalValAccuracy validation accuracy of the last epoch
 * @param seconds wall time of the training (this attempt's epochs and the test)
 * @param imagesPerSec mean training throughput
 * @param params trainable parameters (aux heads included when trained with them)
 * @param macs inference MACs per image
 * @param epochs epochs completed
 * @param stopped whether a listener stopped the training early
 */
public record TrialResult(
    double testAccuracy,
    double testTop5,
    double bestValAccuracy,
    double finalValAccuracy,
    double seconds,
    double imagesPerSec,
    long params,
    long macs,
    int epochs,
    boolean stopped) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("testAccuracy", testAccuracy);
    m.put("testTop5", testTop5);
    m.put("bestValAccuracy", bestValAccuracy);
    m.put("finalValAccuracy", finalValAccuracy);
    m.put("seconds", seconds);
    m.put("imagesPerSec", imagesPerSec);
    m.put("params", params);
    m.put("macs", macs);
    m.put("epochs", epochs);
    m.put("stopped", stopped);
    return m;
  }

  /** Reads the {@link #toMap()} object back; a missing or null number is NaN (or 0, false). */
  public static TrialResult fromMap(Map<String, ?> m) {
    return new TrialResult(
        real(m, "testAccuracy"),
        real(m, "testTop5"),
        real(m, "bestValAccuracy"),
        real(m, "finalValAccuracy"),
        real(m, "seconds"),
        real(m, "imagesPerSec"),
        m.get("params") instanceof Number n ? n.longValue() : 0L,
        m.get("macs") instanceof Number n ? n.longValue() : 0L,
        m.get("epochs") instanceof Number n ? n.intValue() : 0,
        Boolean.TRUE.equals(m.get("stopped")));
  }

  private static double real(Map<String, ?> m, String k) {
    return m.get(k) instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
