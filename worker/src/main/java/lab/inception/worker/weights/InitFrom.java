package lab.inception.worker.weights;

import ai.djl.nn.Block;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import lab.inception.worker.train.Checkpoints;

/**
 * {@code --init-from PATH} for {@code train} and {@code export}: one of our checkpoint folders or
 * its {@code params.bin} ({@link Checkpoints}), a torchvision state_dict saved with {@code
 * torch.save} ({@code .pth} / {@code .pt}, {@link TorchZip}) or a {@code .safetensors} file ({@link
 * SafeTensors}), told apart by their first bytes and the file's extension.
 */
public final class InitFrom {
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] OURS = {'I', 'N', 'C', 'P'};

  /** The kinds of file {@code --init-from} takes. */
  public enum Kind {
    CHECKPOINT,
    TORCH,
    SAFETENSORS
  }

  private InitFrom() {}

  /**
   * Loads the file into an initialised {@code net} built as {@code model}; nothing is written when
   * it does not fit.
   *
   * @throws IllegalArgumentException naming the file and the first mismatch
   */
  public static int load(Block net, String model, Path from, boolean replaceHead, PrintStream log) {
    String source = "--init-from " + from;
    return switch (kind(from)) {
      case CHECKPOINT -> Checkpoints.loadParams(net, from, replaceHead, log);
      case TORCH -> StateDictLoader.load(net, model, read(from, true), replaceHead, source, log);
      case SAFETENSORS ->
          StateDictLoader.load(net, model, read(from, false), replaceHead, source, log);
    };
  }

  /** The tensors of a torch.save or safetensors file, by name. */
  public static Map<String, HostTensor> read(Path file, boolean torch) {
    try {
      return torch ? TorchZip.read(file) : SafeTensors.read(file);
    } catch (BadWeightsException e) {
      throw new BadWeightsException("--init-from " + file + ": " + e.getMessage());
    }
  }

  /** What kind of file {@code from} is. */
  public static Kind kind(Path from) {
    if (Files.isDirectory(from)) return Kind.CHECKPOINT;
    if (!Files.isRegularFile(from)) {
      throw new BadWeightsException("--init-from " + from + ": no such file or folder");
    }
    String name = from.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] head = head(from);
    if (Arrays.equals(head, OURS)) return Kind.CHECKPOINT;
    if (Arrays.equals(head, ZIP)) return Kind.TORCH;
    if (name.endsWith(".safetensors")) return Kind.SAFETENSORS;
    if (name.endsWith(".pth") || name.endsWith(".pt")) {
      throw new BadWeightsException(
          "--init-from "
              + from
              + ": not a torch.save zip archive (a legacy torch.save file, written with"
              + " _use_new_zipfile_serialization=False, or another kind of file)");
    }
    throw new BadWeightsException(
        "--init-from "
            + from
            + ": not a checkpoint folder, params.bin, .pth/.pt (torch.save) or .safetensors file");
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(4);
    } catch (IOException e) {
      throw new BadWeightsException("--init-from " + file + ": cannot read it: " + e.getMessage());
    }
  }
}
