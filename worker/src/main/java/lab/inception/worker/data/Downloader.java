package lab.inception.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Downloads a data file into a cache directory and keeps it only when the SHA-256 of its
 * (decompressed) content matches the expected value: a broken or tampered download never lands in
 * the cache.
 */
final class Downloader {

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(20))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /**
   * Fetches {@code url} into {@code target}.
   *
   * @param contentSha256 expected SHA-256 of the file's content after gzip decompression
   * @throws IOException when the server cannot be reached or answers with an error
   * @throws DataFiles.CorruptFileException when the content does not match
   */
  void fetch(URI url, Path target, String contentSha256) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build();
      HttpResponse<InputStream> resp;
      try {
        resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("download interrupted", e);
      }
      try (InputStream in = resp.body()) {
        if (resp.statusCode() != 200) {
          throw new IOException("HTTP " + resp.statusCode() + " from " + url);
        }
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual = DataFiles.sha256(DataFiles.readMaybeGzip(tmp));
      if (!actual.equalsIgnoreCase(contentSha256)) {
        throw new DataFiles.CorruptFileException(
            "downloaded from " + url + " has SHA-256 " + actual + ", expected " + contentSha256);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
