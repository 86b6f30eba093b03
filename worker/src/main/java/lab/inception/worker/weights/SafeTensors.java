package lab.inception.worker.weights;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file (huggingface/safetensors' format): an unsigned little-endian
 * 64-bit header length N, N bytes of JSON mapping each tensor's name to {@code {"dtype", "shape",
 * "data_offsets": [begin, end]}} (offsets into the byte buffer after the header; {@code
 * __metadata__} aside), then the buffer, little-endian, C order.
 */
public final class SafeTensors {
  private SafeTensors() {}

  public static Map<String, HostTensor> read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadWeightsException("cannot read it: " + e.getMessage());
    }
    if (all.length < 8) throw new BadWeightsException("too short for a safetensors file");
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (n < 2 || n > all.length - 8) {
      throw new BadWeightsException(
          "not a safetensors file, or truncated (header length " + n + ")");
    }
    JsonObject header;
    try {
      header = new JsonObject(new String(all, 8, (int) n, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw new BadWeightsException("not a safetensors file (its header is not a JSON object)");
    }
    int base = 8 + (int) n;
    Map<String, HostTensor> out = new LinkedHashMap<>();
    for (String name : header.fieldNames()) {
      if (name.equals("__metadata__")) continue;
      out.put(name, tensor(name, header.getJsonObject(name), all, base));
    }
    return out;
  }

  private static HostTensor tensor(String name, JsonObject t, byte[] all, int base) {
    HostTensor.DType dtype =
        switch (t.getString("dtype", "")) {
          case "F32" -> HostTensor.DType.F32;
          case "F64" -> HostTensor.DType.F64;
          case "I64" -> HostTensor.DType.I64;
          case "I32" -> HostTensor.DType.I32;
          default ->
              throw new BadWeightsException(
                  "tensor " + name + " has dtype " + t.getString("dtype") + " (F32 expected)");
        };
    JsonArray shape = t.getJsonArray("shape");
    JsonArray off = t.getJsonArray("data_offsets");
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) dims[i] = shape.getLong(i);
    long begin = base + off.getLong(0);
    long end = base + off.getLong(1);
    if (begin > end || end > all.length || end - begin != HostTensor.numel(dims) * dtype.bytes) {
      throw new BadWeightsException(
          "tensor " + name + ": bytes " + off + " do not fit the file or its shape (truncated?)");
    }
    return new HostTensor(name, dtype, dims, Arrays.copyOfRange(all, (int) begin, (int) end));
  }
}
