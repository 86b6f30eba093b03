package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed list of hostile and careless requests against a real server on 127.0.0.1, written to a
 * plain socket byte for byte: none is answered 5xx, each 4xx carries the JSON error body, none
 * changes the store, and the server's memory stays where it was.
 */
@ExtendWith(VertxExtension.class)
class HostileRequestsTest {

  static final String SWEEP =
      "name: hostile\nparameters:\n  model: googlenet\n  lr: [0.1, 0.01]\n  epochs: 1\n";
  static final String SWEEP_JSON =
      "{\"name\":\"x\",\"parameters\":{\"model\":\"googlenet\",\"epochs\":1}}";

  /** One hostile request and the status it must get. */
  record Case(String name, String request, int expected) {}

  @TempDir Path dir;
  ApiHarness h;
  int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
    port = h.api.actualPort();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String host() {
    return "127.0.0.1:" + port;
  }

  private String get(String target) {
    return "GET " + target + " HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n";
  }

  private String post(String target, String type, String body, String... headers) {
    StringBuilder b = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: " + host() + "\r\n");
    if (type != null) b.append("Content-Type: ").append(type).append("\r\n");
    for (String x : headers) b.append(x).append("\r\n");
    int n = body.getBytes(StandardCharsets.UTF_8).length;
    return b.append("Content-Length: ")
        .append(n)
        .append("\r\nConnection: close\r\n\r\n")
        .append(body)
        .toString();
  }

  List<Case> cases(String sweep) {
    String billionLaughs =
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
            + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            + "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
    String form = "name=" + "x".repeat(4000) + "&dataset=fashion-mnist";
    String textPlainJson =
        "{\"name\":\"x\",\"parameters\":{\"model\":\"googlenet\"},\"pad\":\"=\"}";
    String multipart =
        "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" + SWEEP + "\r\n--b--\r\n";
    return List.of(
        new Case("cost: width 8", get("/api/models/inception-resnet-v2?width=8"), 400),
        new Case("cost: width 1000", get("/api/models/googlenet?width=1000"), 400),
        new Case("cost: classes 2^31-1", get("/api/models/googlenet?classes=2147483647"), 400),
        new Case(
            "cost: channels 2^31-1", get("/api/models/googlenet?input=2147483647x224x224"), 400),
        new Case(
            "cost: side 2^31-1", get("/api/models/googlenet?input=3x2147483647x2147483647"), 400),
        new Case("cost: width NaN", get("/api/models/googlenet?width=NaN"), 400),
        new Case("cost: input garbage", get("/api/models/googlenet?input=3x%00x1"), 400),
        new Case("bad escape: events", get("/api/events?sweep=%zz"), 400),
        new Case("bad escape: query", get("/api/sweeps?x=%"), 400),
        new Case("bad escape: path", get("/api/sweeps/%zz"), 400),
        new Case("no Host", "GET /api/sweeps HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
        new Case("no Host, HTTP/1.0", "GET /api/sweeps HTTP/1.0\r\n\r\n", 400),
        new Case(
            "rebinding Host",
            "GET /api/sweeps HTTP/1.1\r\nHost: rebind.attacker.example\r\nConnection: close\r\n\r\n",
            421),
        new Case(
            "rebinding Host with our port",
            "GET /api/sweeps HTTP/1.1\r\nHost: rebind.attacker.example:"
                + port
                + "\r\nConnection: close\r\n\r\n",
            421),
        new Case(
            "cross-site img",
            "GET /api/models/googlenet?width=3.9 HTTP/1.1\r\nHost: "
                + host()
                + "\r\nSec-Fetch-Site: same-site\r\nSec-Fetch-Dest: image\r\nConnection: close\r\n\r\n",
            403),
        new Case(
            "cross-origin POST",
            post("/api/sweeps", "application/json", SWEEP_JSON, "Origin: http://evil.example"),
            403),
        new Case(
            "POST from another port of loopback",
            post(
                "/api/sweeps",
                "application/yaml",
                SWEEP,
                "Origin: http://127.0.0.1:" + (port == 65535 ? 1 : port + 1)),
            403),
        new Case(
            "POST from Origin null",
            post("/api/sweeps", "application/yaml", SWEEP, "Origin: null"),
            403),
        new Case(
            "no-cors POST (text/plain, cross-site)",
            post(
                "/api/sweeps",
                "text/plain;charset=UTF-8",
                SWEEP_JSON,
                "Origin: http://127.0.0.1:1",
                "Sec-Fetch-Site: same-site",
                "Sec-Fetch-Mode: no-cors"),
            403),
        new Case("text/plain POST", post("/api/sweeps", "text/plain", textPlainJson), 415),
        new Case(
            "form POST, 4 KB", post("/api/sweeps", "application/x-www-form-urlencoded", form), 415),
        new Case(
            "multipart POST",
            post("/api/sweeps", "multipart/form-data; boundary=b", multipart),
            415),
        new Case(
            "form POST to cancel",
            post("/api/sweeps/" + sweep + "/cancel", "application/x-www-form-urlencoded", ""),
            415),
        new Case("body without Content-Type", post("/api/sweeps", null, SWEEP), 415),
        new Case("YAML alias bomb", post("/api/sweeps", "application/yaml", billionLaughs), 400),
        new Case(
            "YAML recursive alias", post("/api/sweeps", "application/yaml", "a: &a [*a]\n"), 400),
        new Case(
            "YAML deep nesting",
            post("/api/sweeps", "application/yaml", "a: " + "[".repeat(5000) + "]".repeat(5000)),
            400),
        new Case(
            "JSON deep nesting",
            post(
                "/api/sweeps",
                "application/json",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
            400),
        new Case("malformed JSON", post("/api/sweeps", "application/json", "{\"name\": "), 400),
        new Case(
            "body over 1 MB", post("/api/sweeps", "application/yaml", "#".repeat(1_100_000)), 413),
        new Case("long URI", get("/api/sweeps?x=" + "a".repeat(20_000)), 414),
        new Case(
            "oversize header",
            "GET /api/sweeps HTTP/1.1\r\nHost: "
                + host()
                + "\r\nX-Big: "
                + "b".repeat(40_000)
                + "\r\nConnection: close\r\n\r\n",
            431),
        new Case("garbage request line", "GARBAGE\r\n\r\n", 400),
        new Case("bad Last-Event-ID", get("/api/events?lastEventId=soon"), 400),
        new Case("unknown endpoint", get("/api/nothing"), 404),
        new Case(
            "wrong method",
            "DELETE /api/sweeps HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n",
            404));
  }

  @Test
  @DisplayName(
      "hostile and careless requests get 4xx with a JSON error body, never 5xx, and change nothing")
  void hostileList() throws Exception {
    RawHttp.Answer ok = RawHttp.send(port, post("/api/sweeps", "application/yaml", SWEEP));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    String sweep = new JsonObject(ok.body()).getString("id");
    Map<String, String> before = dump();
    long heapBefore = usedHeapAfterGc();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (Case c : cases(sweep)) {
      RawHttp.Answer a = RawHttp.send(port, c.request());
      byStatus.merge(a.status(), 1, Integer::sum);
      if (a.status() != c.expected()) {
        wrong.add(c.name() + ": " + a.status() + " (expected " + c.expected() + ") " + a.body());
      } else if (a.status() >= 400 && a.error() == null) {
        wrong.add(
            c.name() + ": " + a.status() + " without the JSON error body: " + a.head() + a.body());
      }
    }
    long heapAfter = usedHeapAfterGc();
    System.out.printf(
        "hostile requests: %d, by status %s; heap after GC %d MB before, %d MB after%n",
        cases(sweep).size(), byStatus, heapBefore >> 20, heapAfter >> 20);
    assertThat(wrong).isEmpty();
    assertThat(byStatus.keySet()).allMatch(s -> s >= 400 && s < 500);
    assertThat(dump()).isEqualTo(before);
    assertThat(heapAfter - heapBefore).isLessThan(128L << 20);
  }

  @Test
  @DisplayName("the dashboard's and the command line's own requests still pass the guard")
  void ownRequestsPass() throws Exception {
    String origin = "Origin: http://" + host();
    RawHttp.Answer sameOrigin =
        RawHttp.send(
            port,
            post(
                "/api/sweeps",
                "application/yaml; charset=utf-8",
                SWEEP,
                origin,
                "Sec-Fetch-Site: same-origin"));
    assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(201);
    String id = new JsonObject(sameOrigin.body()).getString("id");
    for (String type : List.of("application/json", "application/x-yaml", "text/yaml")) {
      String body = type.equals("application/json") ? SWEEP_JSON : SWEEP;
      assertThat(RawHttp.send(port, post("/api/sweeps", type, body)).status())
          .as(type)
          .isEqualTo(201);
    }
    RawHttp.Answer localhost =
        RawHttp.send(
            port,
            "GET /api/sweeps/"
                + id
                + " HTTP/1.1\r\nHost: localhost:"
                + port
                + "\r\nSec-Fetch-Site: same-origin\r\nConnection: close\r\n\r\n");
    assertThat(localhost.status()).isEqualTo(200);
    RawHttp.Answer cancel =
        RawHttp.send(port, post("/api/sweeps/" + id + "/cancel", null, "", origin));
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    RawHttp.Answer cost =
        RawHttp.send(port, get("/api/models/googlenet?input=3x4096x4096&width=4"));
    assertThat(cost.status()).as(cost.body()).isEqualTo(200);
    assertThat(new JsonObject(cost.body()).getLong("macs")).isPositive();
  }

  @Test
  @DisplayName("a token given on loopback is required, and a bad escape is a 400 before it")
  void tokenOnLoopback(Vertx vertx, @TempDir Path other) throws Exception {
    try (ApiHarness guarded =
        new ApiHarness(vertx, other, new HttpConfig("127.0.0.1", 0, "s3cret"))) {
      int p = guarded.api.actualPort();
      String host = "Host: 127.0.0.1:" + p + "\r\nConnection: close\r\n";
      RawHttp.Answer none = RawHttp.send(p, "GET /api/sweeps HTTP/1.1\r\n" + host + "\r\n");
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.error()).isNotNull();
      RawHttp.Answer bearer =
          RawHttp.send(
              p, "GET /api/sweeps HTTP/1.1\r\n" + host + "Authorization: Bearer s3cret\r\n\r\n");
      assertThat(bearer.status()).isEqualTo(200);
      RawHttp.Answer escape =
          RawHttp.send(p, "GET /api/events?sweep=%zz HTTP/1.1\r\n" + host + "\r\n");
      assertThat(escape.status()).isEqualTo(400);
      assertThat(escape.error()).isNotNull();
    }
  }

  @Test
  @DisplayName("a name given with --allowed-host is served, and pages of it may send commands")
  void allowedHost(Vertx vertx, @TempDir Path other) throws Exception {
    HttpConfig proxied =
        new HttpConfig(
            "127.0.0.1", 0, null, List.of("lab.example.org"), HttpConfig.DEFAULT_MAX_EVENT_CLIENTS);
    try (ApiHarness behind = new ApiHarness(vertx, other, proxied)) {
      int p = behind.api.actualPort();
      String viaProxy =
          "POST /api/sweeps HTTP/1.1\r\nHost: lab.example.org\r\nOrigin: https://lab.example.org"
              + "\r\nContent-Type: application/yaml\r\nContent-Length: "
              + SWEEP.length()
              + "\r\nConnection: close\r\n\r\n"
              + SWEEP;
      RawHttp.Answer created = RawHttp.send(p, viaProxy);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      RawHttp.Answer otherName =
          RawHttp.send(p, viaProxy.replace("Host: lab.example.org", "Host: evil.example.org"));
      assertThat(otherName.status()).isEqualTo(421);
      RawHttp.Answer otherPage =
          RawHttp.send(
              p,
              viaProxy.replace(
                  "Origin: https://lab.example.org", "Origin: https://evil.example.org"));
      assertThat(otherPage.status()).isEqualTo(403);
    }
  }

  @Test
  @DisplayName(
      "event streams beyond the cap are refused 503 with the JSON error, and a closed one frees its"
          + " place")
  void streamCap(Vertx vertx, @TempDir Path other) throws Exception {
    HttpConfig capped = new HttpConfig("127.0.0.1", 0, null, List.of(), 2);
    try (ApiHarness small = new ApiHarness(vertx, other, capped)) {
      int p = small.api.actualPort();
      String req = "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + p + "\r\n\r\n";
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) open.add(stream(p, req));
        assertThat(status(open.get(0))).isEqualTo(200);
        assertThat(status(open.get(1))).isEqualTo(200);
        RawHttp.Answer third =
            RawHttp.send(p, req.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
        assertThat(third.status()).isEqualTo(503);
        assertThat(third.error().getString("error")).contains("at most 2");
        open.remove(0).close();
        int again = 503;
        for (int i = 0; i < 100 && again == 503; i++) {
          Thread.sleep(50); // the server notices the close
          Socket s = stream(p, req);
          open.add(s);
          again = status(s);
        }
        assertThat(again).isEqualTo(200);
      } finally {
        for (Socket s : open) s.close();
      }
    }
  }

  private static Socket stream(int port, String req) throws Exception {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  /** The status of the answer on a connection (its first 12 bytes: "HTTP/1.1 200"). */
  private static int status(Socket s) throws Exception {
    byte[] head = s.getInputStream().readNBytes(12);
    return Integer.parseInt(new String(head, StandardCharsets.US_ASCII).substring(9, 12));
  }

  /** Every row of the sweeps and trials tables, as text. */
  private Map<String, String> dump() throws Exception {
    return StoreDump.bySweep(h.store, dir);
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
