package lab.inception.coordinator.http;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket: the request goes out byte for byte as written (no client fixes a
 * missing Host or a bad escape), the answer is read until the server closes or the timeout.
 */
final class RawHttp {

  /** One answer: status 0 when the server closed without one. */
  record Answer(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int i = line.indexOf(':');
        if (i > 0 && line.substring(0, i).trim().equalsIgnoreCase(name))
          return line.substring(i + 1).trim();
      }
      return null;
    }

    /** The JSON error body, or null when the body is not one. */
    JsonObject error() {
      String type = header("Content-Type");
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        return null;
      }
      try {
        JsonObject o = new JsonObject(body);
        return o.getValue("error") instanceof String && o.getJsonArray("details") != null
            ? o
            : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  private RawHttp() {}

  static Answer send(int port, String request) throws IOException {
    return send(port, request.getBytes(StandardCharsets.UTF_8));
  }

  static Answer send(int port, byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      byte[] all = readAnswer(s.getInputStream());
      String text = new String(all, StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.") || end < 0) return new Answer(0, text, "");
      int status = Integer.parseInt(text.substring(9, 12));
      String head = text.substring(0, end);
      String body = text.substring(end + 4);
      if ("chunked".equalsIgnoreCase(new Answer(status, head, "").header("Transfer-Encoding"))) {
        body = dechunk(body);
      }
      return new Answer(status, head, body);
    }
  }

  /** Reads until the server closes, or until a Content-Length body is complete. */
  private static byte[] readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        if (complete(out.toString(StandardCharsets.ISO_8859_1))) break;
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // what arrived is the answer
    }
    return out.toByteArray();
  }

  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) return false;
    String head = text.substring(0, end).toLowerCase(Locale.ROOT);
    int i = head.indexOf("\r\ncontent-length:");
    if (i < 0) return head.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    int eol = head.indexOf("\r\n", i + 2);
    long length = Long.parseLong(head.substring(i + 17, eol < 0 ? head.length() : eol).trim());
    return text.length() - end - 4 >= length;
  }

  /** The body of a chunked answer, its chunks joined. */
  static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int eol = body.indexOf("\r\n", i);
      if (eol < 0) break;
      int n = Integer.parseInt(body.substring(i, eol).trim(), 16);
      if (n == 0) break;
      out.append(body, eol + 2, Math.min(body.length(), eol + 2 + n));
      i = eol + 2 + n + 2;
    }
    return out.toString();
  }
}
