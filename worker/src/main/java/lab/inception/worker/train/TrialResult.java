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
}
