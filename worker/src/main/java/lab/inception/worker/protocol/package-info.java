/**
 * What the coordinator, its workers and their trial processes say to each other: the event-bus
 * addresses, declared once in {@link lab.inception.worker.protocol.Addresses}; immutable message
 * records that travel as {@link io.vertx.core.json.JsonObject}s (no codec to register), except the
 * frequent {@link lab.inception.worker.protocol.MetricBatch}, which has its own {@link
 * lab.inception.worker.protocol.MetricBatchCodec}; and a trial process's stdout lines, {@link
 * lab.inception.worker.protocol.TrialOutput}.
 */
package lab.inception.worker.protocol;
