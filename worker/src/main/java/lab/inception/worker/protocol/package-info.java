/**
 * What the coordinator and its workers say to each other over the (possibly clustered) event bus:
 * the addresses, declared once in {@link lab.inception.worker.protocol.Addresses}, and immutable
 * message records that travel as {@link io.vertx.core.json.JsonObject}s, so clustered nodes need no
 * codec.
 */
package lab.inception.worker.protocol;
