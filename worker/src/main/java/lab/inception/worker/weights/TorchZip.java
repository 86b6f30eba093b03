package lab.inception.worker.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a file written by {@code torch.save(model.state_dict(), f)} in PyTorch's zip format (the
 * default since 1.6, torch/serialization.py): a zip archive with one folder holding {@code
 * data.pkl} (the pickled state_dict, read by {@link RestrictedUnpickler}), one entry {@code
 * data/KEY} per storage (raw little-endian elements; {@code byteorder} says so where present) and
 * {@code version}. Tensors must be contiguous views (as a module's parameters are).
 */
public final class TorchZip {
  private TorchZip() {}

  /** The state_dict's tensors by name, in the file's order. */
  public static Map<String, HostTensor> read(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String prefix = prefix(zip);
      ZipEntry order = zip.getEntry(prefix + "byteorder");
      if (order != null && !new String(bytes(zip, order)).trim().equals("little")) {
        throw new BadWeightsException("a big-endian torch.save file is not supported");
      }
      Object root = RestrictedUnpickler.load(bytes(zip, zip.getEntry(prefix + "data.pkl")));
      if (!(root instanceof Map<?, ?> dict)) {
        throw new BadWeightsException("the pickle is not a state_dict (an ordered map of tensors)");
      }
      Map<String, HostTensor> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : dict.entrySet()) {
        if (!(e.getKey() instanceof String name)
            || !(e.getValue() instanceof RestrictedUnpickler.TensorRef t)) {
          throw new BadWeightsException(
              "entry " + e.getKey() + " of the state_dict is not a named tensor");
        }
        out.put(name, tensor(zip, prefix, name, t));
      }
      return out;
    } catch (java.util.zip.ZipException e) {
      throw new BadWeightsException(
          "not a torch.save zip archive, or truncated (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new BadWeightsException("cannot read it: " + e.getMessage());
    }
  }

  /** The archive's one folder ({@code archive/} in newer PyTorch, the file's stem in older). */
  private static String prefix(ZipFile zip) {
    List<String> pickles = new ArrayList<>();
    zip.stream()
        .map(ZipEntry::getName)
        .filter(n -> n.endsWith("data.pkl") && n.indexOf('/') == n.length() - 9)
        .forEach(pickles::add);
    if (pickles.size() != 1) {
      throw new BadWeightsException(
          "a zip archive but not one torch.save wrote (" + pickles.size() + " data.pkl entries)");
    }
    return pickles.get(0).substring(0, pickles.get(0).length() - "data.pkl".length());
  }

  private static HostTensor tensor(
      ZipFile zip, String prefix, String name, RestrictedUnpickler.TensorRef t) throws IOException {
    if (!contiguous(t.size(), t.stride())) {
      throw new BadWeightsException(
          "tensor " + name + " is not contiguous (stride " + Arrays.toString(t.stride()) + ")");
    }
    ZipEntry entry = zip.getEntry(prefix + "data/" + t.storage().key());
    if (entry == null) {
      throw new BadWeightsException(
          "tensor " + name + ": storage data/" + t.storage().key() + " is missing");
    }
    int es = t.storage().dtype().bytes;
    long storageBytes = t.storage().numel() * es;
    long numel = HostTensor.numel(t.size());
    if (entry.getSize() != storageBytes
        || t.offset() < 0
        || t.offset() + numel > t.storage().numel()) {
      throw new BadWeightsException(
          "tensor "
              + name
              + ": storage data/"
              + t.storage().key()
              + " has "
              + entry.getSize()
              + " bytes, the pickle expects "
              + storageBytes
              + " (truncated?)");
    }
    byte[] all = bytes(zip, entry);
    int from = Math.toIntExact(t.offset() * es);
    byte[] data = Arrays.copyOfRange(all, from, Math.toIntExact(from + numel * es));
    return new HostTensor(name, t.storage().dtype(), t.size(), data);
  }

  static boolean contiguous(long[] size, long[] stride) {
    long expected = 1;
    for (int i = size.length - 1; i >= 0; i--) {
      if (size[i] != 1 && stride[i] != expected) return false;
      expected *= size[i];
    }
    return true;
  }

  private static byte[] bytes(ZipFile zip, ZipEntry e) throws IOException {
    try (InputStream in = zip.getInputStream(e)) {
      byte[] b = in.readAllBytes();
      if (e.getSize() >= 0 && b.length != e.getSize()) {
        throw new BadWeightsException("entry " + e.getName() + " is truncated");
      }
      return b;
    }
  }
}
