package lab.inception.coordinator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.inception.coordinator.store.Store;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.onnx.OnnxExport;
import lab.inception.worker.train.CheckpointNetwork;

/**
 * {@code GET /api/trials/{id}/model.onnx}: the trial's newest checkpoint exported as ONNX (dynamic
 * batch), off the event loop. The network is rebuilt from what the checkpoint records ({@link
 * CheckpointNetwork}), so the dataset need not be on this machine; the checkpoint must be (the
 * shared checkpoint volume of a cluster). 404 for an unknown trial or one without a checkpoint.
 */
final class OnnxDownload {
  private final Vertx vertx;
  private final Store store;

  OnnxDownload(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
  }

  void handle(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    store
        .trial(id)
        .compose(
            t ->
                t == null
                    ? Future.failedFuture(ApiError.notFound("unknown trial '" + id + "'"))
                    : checkpoint(t, id))
        .compose(cp -> vertx.executeBlocking(() -> export(cp, id), false))
        .onSuccess(
            bytes ->
                ctx.response()
                    .putHeader("Content-Type", "application/octet-stream")
                    .putHeader(
                        "Content-Disposition", "attachment; filename=\"trial-" + id + ".onnx\"")
                    .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  private static Future<Path> checkpoint(JsonObject trial, String id) {
    JsonObject cp = trial.getJsonObject("checkpoint");
    String path = cp == null ? null : cp.getString("path");
    return path == null
        ? Future.failedFuture(ApiError.notFound("trial '" + id + "' has no checkpoint yet"))
        : Future.succeededFuture(Path.of(path));
  }

  private static byte[] export(Path checkpoint, String id) {
    if (!Files.isDirectory(checkpoint)) {
      throw ApiError.notFound("trial '" + id + "': its checkpoint " + checkpoint + " is gone");
    }
    ModelConfig cfg;
    try {
      cfg = CheckpointNetwork.read(checkpoint);
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("trial '" + id + "': " + e.getMessage());
    }
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    return OnnxExport.export(cfg, checkpoint, true, quiet).bytes();
  }
}
