package lab.inception.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.onnx.OnnxExport;
import lab.inception.worker.onnx.OnnxExporter;
import lab.inception.worker.onnx.OnnxModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inception export}: the network in inference mode as an ONNX file (opset 13; aux heads and
 * dropout left out). Input {@code input} N×C×H×W, output {@code logits} N×classes ({@code features}
 * N×C×H×W for a single block).
 */
@Command(
    name = "export",
    description = "The network in inference mode as ONNX (opset 13, no aux heads, no dropout).",
    mixinStandardHelpOptions = true)
final class ExportCommand implements Callable<Integer> {
  @Mixin ModelOptions options;

  @Option(
      names = "--init-from",
      description =
          "weights: a checkpoint folder or its params.bin, a torchvision state_dict (.pth/.pt)"
              + " or a .safetensors file (default: freshly initialised)")
  Path initFrom;

  @Option(names = "--onnx", required = true, description = "the ONNX file to write")
  Path onnx;

  @Option(
      names = "--dynamic-batch",
      description = "make the batch dimension a symbol ('batch') instead of 1")
  boolean dynamicBatch;

  @Option(names = "--json", description = "print what was written as one JSON object")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ModelConfig cfg = options.toConfig();
    if (cfg.aux()) {
      spec.commandLine().getErr().println("export: aux heads run only in training; left out");
    }
    long t0 = System.nanoTime();
    OnnxModel m = OnnxExport.export(cfg, initFrom, dynamicBatch, System.err);
    Path parent = onnx.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, onnx.getFileName().toString(), ".tmp");
    Files.write(tmp, m.bytes());
    Files.move(tmp, onnx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    double seconds = (System.nanoTime() - t0) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(summary(cfg, m, seconds).encode());
    } else {
      out.printf(
          "%s: %s, %d nodes, %s bytes, input %s %s, output %s %s, %.1f s%n",
          onnx,
          cfg.model(),
          m.nodes(),
          Numbers.grouped(m.bytes().length),
          OnnxExporter.INPUT,
          dims(m.inputShape()),
          m.outputName(),
          dims(m.outputShape()),
          seconds);
    }
    out.flush();
    return 0;
  }

  private JsonObject summary(ModelConfig cfg, OnnxModel m, double seconds) {
    return new JsonObject()
        .put("file", onnx.toString())
        .put("model", cfg.model())
        .put("opset", lab.inception.worker.onnx.OnnxGraph.OPSET)
        .put("nodes", m.nodes())
        .put("bytes", m.bytes().length)
        .put("parameters", m.parameters())
        .put(
            "input",
            new JsonObject().put("name", OnnxExporter.INPUT).put("shape", shape(m.inputShape())))
        .put(
            "output",
            new JsonObject().put("name", m.outputName()).put("shape", shape(m.outputShape())))
        .put("seconds", seconds);
  }

  private static JsonArray shape(long[] d) {
    JsonArray a = new JsonArray();
    for (long v : d) a.add(v < 0 ? OnnxExporter.BATCH : v);
    return a;
  }

  private static String dims(long[] d) {
    StringBuilder b = new StringBuilder();
    for (long v : d) b.append(b.length() == 0 ? "" : "×").append(v < 0 ? OnnxExporter.BATCH : v);
    return b.toString();
  }
}
