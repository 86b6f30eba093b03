package lab.inception.coordinator.http;

import java.util.Set;

/**
 * Where the API listens and how it is protected.
 *
 * @param host the interface to bind (127.0.0.1 by default)
 * @param port the port (0: any free one)
 * @param token the access token every {@code /api} call must carry when bound beyond loopback
 */
public record HttpConfig(String host, int port, String token) {

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  /** Whether calls need the token: only when bound to a non-loopback interface. */
  public boolean tokenRequired() {
    return !LOOPBACK.contains(host);
  }

  /** Refuses a non-loopback binding without a token. */
  public HttpConfig checked() {
    if (tokenRequired() && (token == null || token.isBlank())) {
      throw new IllegalArgumentException(
          "binding to "
              + host
              + " exposes the API beyond this machine: give --token or set INCEPTION_TOKEN");
    }
    return this;
  }
}
