package lab.inception.worker.protocol;

import java.util.List;

/**
 * Metric points of one or more trials of one worker, sent together. The one message that travels
 * with its own codec ({@link MetricBatchCodec}): it is by far the most frequent.
 *
 * @param worker the sending worker's id
 * @param points the points, in the order they were produced
 */
public record MetricBatch(String worker, List<MetricPoint> points) {

  public MetricBatch {
    points = List.copyOf(points);
  }
}
