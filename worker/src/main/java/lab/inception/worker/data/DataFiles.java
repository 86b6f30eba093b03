package lab.inception.worker.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reading data files that may be gzip-compressed, with failures turned into clear messages. */
final class DataFiles {

  private DataFiles() {}

  /** The file's bytes, decompressed when it starts with the gzip magic number. */
  static byte[] readMaybeGzip(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
        in.transferTo(out);
        return out.toByteArray();
      } catch (EOFException e) {
        throw new CorruptFileException("is truncated (the gzip stream ends early)");
      } catch (ZipException e) {
        throw new CorruptFileException("is not a valid gzip file (" + e.getMessage() + ")");
      }
    }
    return raw;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A data file whose content cannot be used; the message completes "FILE ...". */
  static final class CorruptFileException extends RuntimeException {
    CorruptFileException(String message) {
      super(message);
    }
  }

  /** Parses an IDX file of unsigned bytes with the expected number of dimensions. */
  static Idx parseIdx(byte[] b, int expectedDims) {
    if (b.length < 4 + 4 * expectedDims) {
      throw new CorruptFileException(
          "is truncated (" + b.length + " bytes, shorter than its header)");
    }
    if (b[0] != 0 || b[1] != 0 || b[2] != 0x08) {
      throw new CorruptFileException("is not an IDX file of unsigned bytes (bad magic number)");
    }
    if (b[3] != expectedDims) {
      throw new CorruptFileException(
          "has " + b[3] + " dimensions, expected " + expectedDims + " (wrong file?)");
    }
    int[] dims = new int[expectedDims];
    long count = 1;
    for (int i = 0; i < expectedDims; i++) {
      int o = 4 + 4 * i;
      dims[i] =
          ((b[o] & 0xff) << 24)
              | ((b[o + 1] & 0xff) << 16)
              | ((b[o + 2] & 0xff) << 8)
              | (b[o + 3] & 0xff);
      if (dims[i] <= 0) throw new CorruptFileException("has a bad dimension " + dims[i]);
      count *= dims[i];
    }
    int header = 4 + 4 * expectedDims;
    if (b.length - header < count) {
      throw new CorruptFileException(
          "is truncated ("
              + (b.length - header)
              + " data bytes, the header promises "
              + count
              + ")");
    }
    if (b.length - header > count) {
      throw new CorruptFileException(
          "has " + (b.length - header - count) + " unexpected bytes after its data");
    }
    return new Idx(dims, b, header);
  }

  /** A parsed IDX file: its dimensions and where the data starts in {@code bytes}. */
  record Idx(int[] dims, byte[] bytes, int offset) {}
}
