package lab.inception.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first handler of every {@code /api} route: refuses what a hostile page or a careless client
 * sends before anything reads it.
 *
 * <ol>
 *   <li>a query whose percent-escapes do not decode: 400;
 *   <li>no {@code Host} header: 400; a {@code Host} that is not one of this server's names (DNS
 *       rebinding): 421;
 *   <li>a browser's request from another origin ({@code Sec-Fetch-Site} other than {@code
 *       same-origin} or {@code none}, e.g. an {@code <img>} or a {@code no-cors} fetch): 403;
 *   <li>a state-changing request whose {@code Origin} is not the server's own: 403; whose body is
 *       not JSON or YAML (a form, {@code text/plain}, multipart): 415;
 *   <li>the access token, when one is set: 401.
 * </ol>
 *
 * The server's names: loopback's ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), the bound
 * address, every interface's address and the machine's name when bound to all interfaces, and each
 * {@code --allowed-host}.
 */
final class RequestGuard implements Handler<RoutingContext> {

  /** The media types a request body may have. */
  static final Set<String> BODY_TYPES =
      Set.of("application/json", "application/yaml", "application/x-yaml", "text/yaml");

  private static final Set<String> WILDCARD = Set.of("0.0.0.0", "::", "[::]", "");

  private static final System.Logger LOG = System.getLogger("lab.inception.http");
  private static final int LOGGED = 100;

  private final HttpConfig config;
  private final Set<String> hosts;
  private final AtomicLong refused = new AtomicLong();

  RequestGuard(HttpConfig config) {
    this.config = config;
    this.hosts = Collections.unmodifiableSet(names(config));
  }

  @Override
  public void handle(RoutingContext ctx) {
    try {
      check(ctx);
    } catch (ApiError e) {
      logRefusal(ctx.request(), e);
      throw e;
    }
    ctx.next();
  }

  /**
   * A refused request is logged (the first {@value #LOGGED}, then one in a thousand), so that a
   * user sees a page trying to drive the server; a bad token is not (it is a client's own mistake).
   */
  private void logRefusal(HttpServerRequest r, ApiError e) {
    if (e.status() == 401) return;
    long n = refused.incrementAndGet();
    if (n <= LOGGED || n % 1000 == 0) {
      String path = r.path() == null ? "" : r.path();
      LOG.log(
          System.Logger.Level.WARNING,
          "refused {0} {1}: {2} {3} (refusal {4})",
          r.method(),
          path.length() > 200 ? path.substring(0, 200) + "…" : path,
          e.status(),
          e.getMessage(),
          n);
    }
  }

  private void check(RoutingContext ctx) {
    HttpServerRequest r = ctx.request();
    checkHost(r);
    checkQuery(ctx);
    checkFetchSite(r);
    if (changesState(r.method())) {
      checkOrigin(r);
      checkBodyType(r);
    }
    checkToken(ctx);
  }

  private static void checkQuery(RoutingContext ctx) {
    try {
      ctx.queryParams();
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "the query string has a malformed percent-escape: " + e.getMessage());
    }
  }

  private void checkHost(HttpServerRequest r) {
    String header = r.getHeader("Host");
    HostAndPort authority = header == null || header.isBlank() ? null : r.authority();
    if (authority == null || authority.host() == null || authority.host().isBlank()) {
      throw ApiError.badRequest("a Host header is required");
    }
    String host = bare(authority.host());
    if (!hosts.contains(host)) {
      throw new ApiError(
          421,
          "this server does not answer to the host name '"
              + host
              + "' (start it with --allowed-host "
              + host
              + " if a proxy forwards that name)");
    }
  }

  private static void checkFetchSite(HttpServerRequest r) {
    String site = r.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new ApiError(403, "cross-site requests are refused (Sec-Fetch-Site: " + site + ")");
    }
  }

  private void checkOrigin(HttpServerRequest r) {
    String origin = r.getHeader("Origin");
    if (origin == null) return; // a command-line client
    if (!sameOrigin(origin, r.authority())) {
      throw new ApiError(403, "requests from another origin are refused (Origin: " + origin + ")");
    }
  }

  private boolean sameOrigin(String origin, HostAndPort authority) {
    URI u;
    try {
      u = new URI(origin);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    if (u.getHost() == null || u.getScheme() == null) return false; // "null" and the like
    String host = bare(u.getHost());
    int port = u.getPort() >= 0 ? u.getPort() : defaultPort(u.getScheme());
    if (config.allowedHosts().contains(host) || config.allowedHosts().contains(host + ":" + port)) {
      return true;
    }
    int own = authority.port() >= 0 ? authority.port() : defaultPort(u.getScheme());
    return host.equals(bare(authority.host())) && port == own;
  }

  private static void checkBodyType(HttpServerRequest r) {
    String type = r.getHeader("Content-Type");
    if (type == null) {
      String length = r.getHeader("Content-Length");
      boolean empty =
          r.getHeader("Transfer-Encoding") == null && (length == null || length.trim().equals("0"));
      if (empty) return;
      throw new ApiError(
          415, "a request body needs Content-Type application/json or application/yaml");
    }
    String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!BODY_TYPES.contains(media)) {
      throw new ApiError(
          415,
          "Content-Type " + media + " is not accepted; send application/json or application/yaml");
    }
  }

  private void checkToken(RoutingContext ctx) {
    if (!config.tokenRequired()) return;
    String auth = ctx.request().getHeader("Authorization");
    String given =
        auth != null && auth.startsWith("Bearer ")
            ? auth.substring(7).trim()
            : ctx.request().getParam("token");
    String token = config.token() == null ? "" : config.token();
    if (given == null
        || token.isEmpty()
        || !MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiError(
          401, "this server needs its access token: Authorization: Bearer TOKEN (or ?token=TOKEN)");
    }
  }

  private static boolean changesState(HttpMethod m) {
    return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /** A host name in lower case, IPv6 literals without brackets. */
  static String bare(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
    return h;
  }

  private static Set<String> names(HttpConfig config) {
    Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "::1"));
    String bind = bare(config.host() == null ? "" : config.host());
    if (WILDCARD.contains(bind)) {
      addInterfaces(names);
    } else {
      names.add(bind);
    }
    for (String h : config.allowedHosts()) {
      names.add(
          bare(
              h.contains(":") && !h.startsWith("[") && h.indexOf(':') == h.lastIndexOf(':')
                  ? h.substring(0, h.indexOf(':'))
                  : h));
    }
    return names;
  }

  private static void addInterfaces(Set<String> names) {
    try {
      for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(i.getInetAddresses())) {
          String s = a.getHostAddress();
          int zone = s.indexOf('%');
          names.add(bare(zone < 0 ? s : s.substring(0, zone)));
        }
      }
    } catch (SocketException e) {
      // no interfaces listed: loopback and the allowed hosts remain
    }
    try {
      InetAddress self = InetAddress.getLocalHost();
      names.add(bare(self.getHostName()));
      names.add(bare(self.getCanonicalHostName()));
    } catch (UnknownHostException e) {
      // the machine has no resolvable name
    }
  }
}
