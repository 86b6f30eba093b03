package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The built dashboard as the server hands it to a browser (the frontend module's jar). */
@ExtendWith(VertxExtension.class)
class DashboardFilesTest {

  @TempDir Path dir;
  ApiHarness h;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return h.client.send(
        HttpRequest.newBuilder(URI.create(h.base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName(
      "the page is asked for again each time, the hashed scripts and styles it names are kept for"
          + " good")
  void cachePolicy() throws Exception {
    for (String page : new String[] {"/", "/sweeps/some-sweep"}) {
      HttpResponse<String> r = get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).as(page).hasValue("no-cache");
      assertThat(r.body()).as(page).contains("<div id=\"app\">");
    }
    Matcher m =
        Pattern.compile("\"(/assets/[^\"]+-[A-Za-z0-9_-]{8}\\.(js|css))\"")
            .matcher(get("/").body());
    int assets = 0;
    while (m.find()) {
      HttpResponse<String> a = get(m.group(1));
      assertThat(a.statusCode()).as(m.group(1)).isEqualTo(200);
      assertThat(a.headers().firstValue("Cache-Control"))
          .as(m.group(1))
          .hasValue("public, max-age=31536000, immutable");
      assets++;
    }
    assertThat(assets).as("scripts and styles named by the page").isGreaterThanOrEqualTo(2);
    // an API answer is not kept
    assertThat(get("/api/metrics").headers().firstValue("Cache-Control")).isEmpty();
  }
}
