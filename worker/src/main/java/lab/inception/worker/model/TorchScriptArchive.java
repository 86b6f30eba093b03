package lab.inception.worker.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive (what {@code torch.jit.save} writes, format version 3) holding one
 * module without parameters: class {@code __torch__.Kernel} whose methods are given as
 * TorchScript's serialized source. libtorch compiles that source when it loads the archive, so a
 * kernel is a few lines of text, written here rather than shipped as a binary.
 *
 * <p>The archive's records: {@code code/__torch__.py} (the class), {@code data.pkl} (the module
 * object: a pickle, protocol 2, of {@code __torch__.Kernel} with its one attribute {@code
 * training}), {@code constants.pkl} (an empty tuple) and {@code version}.
 */
public final class TorchScriptArchive {

  /** The class every kernel archive defines. */
  public static final String CLASS = "Kernel";

  private TorchScriptArchive() {}

  /**
   * Writes an archive whose class has these methods.
   *
   * @param methods serialized TorchScript methods, each starting {@code def NAME(self:
   *     __torch__.Kernel, ...)}, indented by two spaces per level
   */
  public static void write(Path file, String methods) throws IOException {
    String code =
        "class "
            + CLASS
            + "(Module):\n"
            + "  __parameters__ = []\n"
            + "  __buffers__ = []\n"
            + "  training : bool\n"
            + methods.indent(2);
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      String root = "kernel/";
      put(zip, root + "data.pkl", modulePickle());
      put(zip, root + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      put(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      put(zip, root + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** {@code __torch__.Kernel()} with {@code training = True}, pickled as TorchScript reads it. */
  private static byte[] modulePickle() {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(0x80); // PROTO 2
    p.write(2);
    p.writeBytes(("c__torch__\n" + CLASS + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
    p.write(')'); // EMPTY_TUPLE
    p.write(0x81); // NEWOBJ
    p.write('}'); // EMPTY_DICT
    p.write('('); // MARK
    byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
    p.write('X'); // BINUNICODE, 4-byte little-endian length
    p.write(key.length);
    p.write(0);
    p.write(0);
    p.write(0);
    p.writeBytes(key);
    p.write(0x88); // NEWTRUE
    p.write('u'); // SETITEMS
    p.write('b'); // BUILD
    p.write('.'); // STOP
    return p.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry e = new ZipEntry(name);
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }
}
