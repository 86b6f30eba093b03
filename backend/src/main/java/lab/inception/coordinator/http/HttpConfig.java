package lab.inception.coordinator.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import lab.inception.coordinator.sweep.DataPolicy;

/**
 * Where the API listens and how it is protected.
 *
 * @param host the interface to bind (127.0.0.1 by default)
 * @param port the port (0: any free one)
 * @param token the access token every {@code /api} call must carry: required when bound beyond
 *     loopback, honoured on any address when given
 * @param allowedHosts further names the {@code Host} header may carry (a reverse proxy's name;
 *     {@code --allowed-host})
 * @param maxEventClients how many {@code /api/events} streams may be open at once (beyond: 503)
 * @param data which data paths a submitted sweep may name ({@code --datasets-root}, {@code
 *     --allow-data-dir})
 */
public record HttpConfig(
    String host,
    int port,
    String token,
    List<String> allowedHosts,
    int maxEventClients,
    DataPolicy data) {

  /** The default cap on open event streams. */
  public static final int DEFAULT_MAX_EVENT_CLIENTS = 64;

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  public HttpConfig {
    allowedHosts =
        allowedHosts == null
            ? List.of()
            : allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    data = data == null ? DataPolicy.NONE : data;
  }

  /** No datasets root: sweeps may name built-in datasets only ({@link DataPolicy#NONE}). */
  public HttpConfig(
      String host, int port, String token, List<String> allowedHosts, int maxEventClients) {
    this(host, port, token, allowedHosts, maxEventClients, DataPolicy.NONE);
  }

  /** The defaults: no extra host names, {@link #DEFAULT_MAX_EVENT_CLIENTS} streams, no datasets. */
  public HttpConfig(String host, int port, String token) {
    this(host, port, token, List.of(), DEFAULT_MAX_EVENT_CLIENTS);
  }

  /** Whether the server is bound to a loopback interface only. */
  public boolean loopback() {
    return LOOPBACK.contains(host);
  }

  /** Whether calls need the token: whenever one is given, and always beyond loopback. */
  public boolean tokenRequired() {
    return (token != null && !token.isBlank()) || !loopback();
  }

  /** Refuses a non-loopback binding without a token, and a cap below one. */
  public HttpConfig checked() {
    if (!loopback() && (token == null || token.isBlank())) {
      throw new IllegalArgumentException(
          "binding to "
              + host
              + " exposes the API beyond this machine: give --token or set INCEPTION_TOKEN");
    }
    if (maxEventClients < 1) {
      throw new IllegalArgumentException(
          "--max-event-clients must be at least 1 (got " + maxEventClients + ")");
    }
    return this;
  }
}
