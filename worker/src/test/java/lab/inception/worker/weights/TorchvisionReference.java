package lab.inception.worker.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/python/tv_reference.py} with Debian's {@code /usr/bin/python3} (torch 1.13,
 * torchvision 0.14) into a temporary folder. Without torchvision the tests fail, on purpose: CI
 * installs it ({@code .ci/run}).
 */
final class TorchvisionReference {
  static final String PYTHON = "/usr/bin/python3";

  private TorchvisionReference() {}

  static Path generate(Path dir) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(PYTHON, "src/test/python/tv_reference.py", dir.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue())
        .as(
            "%s tv_reference.py failed (needs Debian's python3-torch and python3-torchvision):%n%s",
            PYTHON, out)
        .isZero();
    return dir;
  }

  static float[] floats(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }
}
