package lab.inception.coordinator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends one {@link FuzzRequest} on its own connection to 127.0.0.1 and reads the answer to the end
 * (the server closes after it); an event stream's answer is read up to its head, then dropped.
 */
final class FuzzClient {

  private FuzzClient() {}

  /** The answer; its body is null for an event stream. */
  static RawHttp.Answer send(int port, FuzzRequest r) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write(r.bytes(port));
      s.getOutputStream().flush();
      InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 16_384);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      int end = readHead(in, got);
      String text = got.toString(StandardCharsets.UTF_8);
      if (end < 0 || !text.startsWith("HTTP/1.")) return new RawHttp.Answer(0, text, "");
      int status = Integer.parseInt(text.substring(9, 12));
      String head = text.substring(0, end);
      RawHttp.Answer headOnly = new RawHttp.Answer(status, head, null);
      String type = headOnly.header("Content-Type");
      if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
        return headOnly;
      }
      readRest(in, got);
      byte[] all = got.toByteArray();
      String body = new String(all, end + 4, all.length - end - 4, StandardCharsets.UTF_8);
      if ("chunked".equalsIgnoreCase(headOnly.header("Transfer-Encoding")))
        body = RawHttp.dechunk(body);
      return new RawHttp.Answer(status, head, body);
    }
  }

  /** Reads until the blank line after the headers; returns its offset, or -1 at the end. */
  private static int readHead(InputStream in, ByteArrayOutputStream got) throws IOException {
    int state = 0;
    for (int c; (c = in.read()) >= 0; ) {
      got.write(c);
      state =
          switch (state) {
            case 0, 2 -> c == '\r' ? state + 1 : 0;
            case 1 -> c == '\n' ? 2 : 0;
            case 3 -> c == '\n' ? 4 : 0;
            default -> 0;
          };
      if (state == 4) return got.size() - 4;
    }
    return -1;
  }

  private static void readRest(InputStream in, ByteArrayOutputStream got) throws IOException {
    byte[] buf = new byte[16_384];
    try {
      for (int n; (n = in.read(buf)) > 0; ) got.write(buf, 0, n);
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // what arrived is the answer
    }
  }
}
