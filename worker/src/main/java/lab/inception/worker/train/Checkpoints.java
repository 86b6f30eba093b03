package lab.inception.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Checkpoints: one folder per finished epoch ({@code epoch-0003/}) holding the network's parameters
 * (BN running statistics included), the optimizer's state and the loop's state. A folder is written
 * under a temporary name and renamed when complete, so a crash never leaves a half checkpoint; the
 * two newest are kept.
 */
public final class Checkpoints {

  static final String PARAMS = "params.bin";
  static final String OPTIMIZER = "optimizer.bin";
  static final String STATE = "state.properties";
  private static final int MAGIC = 0x494e4350; // "INCP"

  private Checkpoints() {}

  /** The newest complete checkpoint folder in {@code dir}, or null. */
  public static Path latest(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) return null;
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("epoch-\\d+"))
          .filter(p -> Files.isRegularFile(p.resolve(STATE)))
          .max(Comparator.comparing(p -> p.getFileName().toString()))
          .orElse(null);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot list checkpoint directory " + dir + ": " + e.getMessage());
    }
  }

  /** Writes the checkpoint of {@code epoch} and returns its folder. */
  static Path write(Path dir, int epoch, Block block, RecipeOptimizer optimizer, Properties state)
      throws IOException {
    Files.createDirectories(dir);
    String name = String.format("epoch-%04d", epoch);
    Path tmp = Files.createTempDirectory(dir, name + ".tmp");
    saveParams(block, tmp.resolve(PARAMS));
    try (NDList opt = optimizer.exportState()) {
      writeArrays(opt, tmp.resolve(OPTIMIZER));
    }
    try (Writer w = Files.newBufferedWriter(tmp.resolve(STATE))) {
      state.store(w, "Inception Lab checkpoint");
    }
    Path target = dir.resolve(name);
    deleteTree(target);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> old =
          s.filter(p -> p.getFileName().toString().matches("epoch-\\d+"))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .skip(2)
              .toList();
      for (Path p : old) deleteTree(p);
    }
    return target;
  }

  static Properties readState(Path checkpoint) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(checkpoint.resolve(STATE))) {
      p.load(r);
    }
    return p;
  }

  static NDList readOptimizer(Path checkpoint, NDManager manager) throws IOException {
    return readArrays(checkpoint.resolve(OPTIMIZER), manager);
  }

  /** Saves every parameter of the block (named by its path in the block tree). */
  public static void saveParams(Block block, Path file) throws IOException {
    NDList list = new NDList();
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      list.add(a);
    }
    List<String> names = block.getParameters().keys();
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.writeUTF(names.get(i));
        byte[] b = list.get(i).encode();
        out.writeInt(b.length);
        out.write(b);
      }
    }
  }

  /**
   * Loads saved parameters into an initialised block, matching them by name. With {@code
   * replaceHead}, parameters whose shape differs (the classifiers, for another class count) or that
   * the file lacks keep their fresh initialisation; without it such a mismatch is an error.
   *
   * @param from a parameters file or a checkpoint folder
   * @return how many parameters were loaded
   */
  public static int loadParams(Block block, Path from, boolean replaceHead, PrintStream log) {
    Path file = Files.isDirectory(from) ? from.resolve(PARAMS) : from;
    if (Files.isDirectory(from) && !Files.isRegularFile(file)) {
      Path cp = latest(from);
      if (cp != null) file = cp.resolve(PARAMS);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--init-from " + from + ": no parameters file (" + PARAMS + ") found there");
    }
    NDManager manager = block.getParameters().get(0).getValue().getArray().getManager();
    Map<String, NDArray> saved;
    try (NDManager tmp = manager.newSubManager()) {
      try {
        saved = new LinkedHashMap<>();
        for (NDArray a : readArrays(file, tmp)) saved.put(a.getName(), a);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "--init-from " + file + " is not a readable parameters file (" + e.getMessage() + ")");
      }
      int loaded = 0;
      int skipped = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray target = p.getValue().getArray();
        NDArray src = saved.get(p.getKey());
        String problem =
            src == null
                ? "is not in the file"
                : !src.getShape().equals(target.getShape())
                    ? "has shape " + src.getShape() + " in the file, " + target.getShape() + " here"
                    : null;
        if (problem != null) {
          if (!replaceHead) {
            throw new IllegalArgumentException(
                "--init-from "
                    + file
                    + ": parameter "
                    + p.getKey()
                    + " "
                    + problem
                    + " (a different model or class count? add --replace-head to train a new"
                    + " classifier)");
          }
          skipped++;
          log.println("init-from: " + p.getKey() + " " + problem + ": freshly initialised");
          continue;
        }
        target.set(src.toByteBuffer());
        loaded++;
      }
      log.println(
          "init-from: loaded " + loaded + " parameters from " + file + ", " + skipped + " new");
      return loaded;
    }
  }

  /** Copies saved parameters into the block (same names and shapes, as written by this run). */
  static void restoreParams(Block block, Path checkpoint) {
    loadParams(
        block, checkpoint.resolve(PARAMS), false, new PrintStream(PrintStream.nullOutputStream()));
  }

  private static void writeArrays(NDList list, Path file) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(list.size());
      for (NDArray a : list) {
        out.writeUTF(a.getName());
        byte[] b = a.encode();
        out.writeInt(b.length);
        out.write(b);
      }
    }
  }

  private static NDList readArrays(Path file, NDManager manager) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC) throw new IOException("not an Inception Lab parameters file");
      int n = in.readInt();
      NDList list = new NDList(n);
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        NDArray a = manager.decode(b);
        a.setName(name);
        list.add(a);
      }
      return list;
    } catch (EOFException e) {
      throw new IOException("the file is truncated");
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }
}
