package lab.inception.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

  @TempDir Path tmp;

  private FashionMnist fromDir(Path dir) {
    return new FashionMnist(
        dir,
        tmp.resolve("none"),
        tmp.resolve("cache"),
        URI.create("http://127.0.0.1:1/"),
        Map.of());
  }

  @Test
  @DisplayName("IDX files are read from --data-dir, gzip or raw, with pixels scaled to [0, 1]")
  void readsGzipAndRaw() throws IOException {
    Fixtures.writeFashion(tmp.resolve("gz"), true);
    Fixtures.writeFashion(tmp.resolve("raw"), false);
    ImageSet[] gz = fromDir(tmp.resolve("gz")).load();
    ImageSet[] raw = fromDir(tmp.resolve("raw")).load();
    assertThat(gz[0].size()).isEqualTo(40);
    assertThat(gz[1].size()).isEqualTo(20);
    assertThat(gz[0].height()).isEqualTo(28);
    assertThat(gz[0].labels()[13]).isEqualTo(3);
    assertThat(gz[0].pixels()[1]).isEqualTo(7 / 255f);
    assertThat(raw[0].pixels()).containsExactly(gz[0].pixels());
  }

  @Test
  @DisplayName("a truncated file is refused naming the file and the three ways to provide it")
  void truncatedFileIsRefused() throws IOException {
    Path dir = tmp.resolve("bad");
    Fixtures.writeFashion(dir, false);
    Path f = dir.resolve("train-images-idx3-ubyte");
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
    assertThatThrownBy(() -> fromDir(dir).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("truncated")
        .hasMessageContaining("--data-dir")
        .hasMessageContaining("dataset-fashion-mnist")
        .hasMessageContaining("download");
  }

  @Test
  @DisplayName("a corrupt gzip file and a wrong file are refused clearly")
  void corruptFilesAreRefused() throws IOException {
    Path dir = tmp.resolve("corrupt");
    Fixtures.writeFashion(dir, true);
    Path gz = dir.resolve("t10k-labels-idx1-ubyte.gz");
    byte[] b = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(b, b.length / 2));
    assertThatThrownBy(() -> fromDir(dir).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(gz.toString())
        .hasMessageContaining("truncated");
    Files.write(gz, Fixtures.gzip(Fixtures.idxImages(20, 28, 28)));
    assertThatThrownBy(() -> fromDir(dir).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimensions");
    Files.delete(gz);
    assertThatThrownBy(() -> fromDir(dir).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t10k-labels-idx1-ubyte.gz not found");
  }

  @Test
  @DisplayName("missing files are downloaded from the mirror, verified by SHA-256, and cached")
  void downloadsAndVerifies() throws Exception {
    Path served = tmp.resolve("served");
    Fixtures.writeFashion(served, true);
    Map<String, String> sha = new HashMap<>();
    for (String base :
        List.of(
            FashionMnist.TRAIN_IMAGES,
            FashionMnist.TRAIN_LABELS,
            FashionMnist.TEST_IMAGES,
            FashionMnist.TEST_LABELS)) {
      sha.put(base, DataFiles.sha256(DataFiles.readMaybeGzip(served.resolve(base + ".gz"))));
    }
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          Path f = served.resolve(ex.getRequestURI().getPath().substring(1));
          if (!Files.isRegularFile(f)) {
            ex.sendResponseHeaders(404, -1);
          } else {
            byte[] body = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
              o.write(body);
            }
          }
          ex.close();
        });
    server.start();
    try {
      URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      Path cache = tmp.resolve("cache");
      FashionMnist ds = new FashionMnist(null, tmp.resolve("nosystem"), cache, mirror, sha);
      ImageSet[] parts = ds.load();
      assertThat(parts[0].size()).isEqualTo(40);
      assertThat(requests.get()).isEqualTo(4);
      assertThat(Files.list(cache).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "train-images-idx3-ubyte.gz",
              "train-labels-idx1-ubyte.gz",
              "t10k-images-idx3-ubyte.gz",
              "t10k-labels-idx1-ubyte.gz");
      ds.load();
      assertThat(requests.get()).as("cached files are not fetched again").isEqualTo(4);

      Map<String, String> wrong = new HashMap<>(sha);
      wrong.put(FashionMnist.TEST_IMAGES, "00".repeat(32));
      Path cache2 = tmp.resolve("cache2");
      assertThatThrownBy(
              () -> new FashionMnist(null, tmp.resolve("nosystem"), cache2, mirror, wrong).load())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("t10k-images-idx3-ubyte.gz")
          .hasMessageContaining("SHA-256");
      assertThat(Files.exists(cache2.resolve("t10k-images-idx3-ubyte.gz"))).isFalse();

      Path cache3 = tmp.resolve("cache3");
      URI nowhere = mirror.resolve("/missing/");
      assertThatThrownBy(
              () -> new FashionMnist(null, tmp.resolve("nosystem"), cache3, nowhere, sha).load())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("could not be downloaded")
          .hasMessageContaining("HTTP 404");
    } finally {
      server.stop(0);
    }
  }
}
