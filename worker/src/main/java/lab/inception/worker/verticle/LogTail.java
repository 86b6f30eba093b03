package lab.inception.worker.verticle;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of an attempt's log, read from its end: bounded whatever the log's size. */
final class LogTail {

  /** At most this many lines ... */
  static final int MAX_LINES = 40;

  /** ... and this many bytes from the end of the file. */
  static final int MAX_BYTES = 8192;

  private LogTail() {}

  /** The file's last lines (empty when it cannot be read). */
  static List<String> read(Path log) {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long len = f.length();
      int n = (int) Math.min(len, MAX_BYTES);
      byte[] b = new byte[n];
      f.seek(len - n);
      f.readFully(b);
      List<String> lines =
          new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\\R")));
      if (n < len && !lines.isEmpty()) lines.remove(0); // cut mid-line
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank())
        lines.remove(lines.size() - 1);
      return lines.size() > MAX_LINES
          ? List.copyOf(lines.subList(lines.size() - MAX_LINES, lines.size()))
          : List.copyOf(lines);
    } catch (IOException e) {
      return List.of();
    }
  }
}
