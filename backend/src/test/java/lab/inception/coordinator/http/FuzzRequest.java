package lab.inception.coordinator.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One generated request.
 *
 * @param operation the document's operation ({@code POST /api/sweeps})
 * @param what what was varied, for failure messages
 * @param method the HTTP method
 * @param target the request target, percent-encoded
 * @param headers further headers (the document's header parameters)
 * @param contentType the body's type, or null for no body
 * @param body the body, or null
 */
record FuzzRequest(
    String operation,
    String what,
    String method,
    String target,
    Map<String, String> headers,
    String contentType,
    String body) {

  /** The request as bytes on the wire, one per connection. */
  byte[] bytes(int port) {
    StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    b.append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
    headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) b.append("Content-Type: ").append(contentType).append("\r\n");
    if (body != null) b.append("Content-Length: ").append(payload.length).append("\r\n");
    b.append("\r\n");
    byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + payload.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(payload, 0, all, head.length, payload.length);
    return all;
  }
}
