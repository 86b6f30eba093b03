package lab.inception.cli;

import java.nio.file.Path;
import lab.inception.coordinator.Server;
import lab.inception.coordinator.http.HttpConfig;
import lab.inception.worker.verticle.TrialLauncher;

/** A loopback server on a free port for the CLI's tests, its data under {@code dir}. */
final class TestServer {
  private TestServer() {}

  static Server start(Path dir, int workers, TrialLauncher launcher) throws Exception {
    return Server.start(
        new Server.Options(
            dir.resolve("data"),
            dir.resolve("ckpt"),
            new HttpConfig("127.0.0.1", 0, null),
            null,
            workers,
            "cpu",
            30_000,
            launcher));
  }
}
