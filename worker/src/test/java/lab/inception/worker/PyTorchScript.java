package lab.inception.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python script with Debian's {@code /usr/bin/python3} (torch 1.13, torchvision 0.14), the
 * reference the tests compare against. Without them the tests fail, on purpose: CI installs them
 * ({@code .ci/run}).
 */
public final class PyTorchScript {

  private PyTorchScript() {}

  /**
   * Writes {@code script} to {@code dir/name}, runs it with {@code args} and returns its trimmed
   * output; fails the test unless it exits 0 within two minutes.
   */
  public static String run(Path dir, String name, String script, String... args) throws Exception {
    Path py = dir.resolve(name);
    Files.writeString(py, script);
    String[] command = new String[args.length + 2];
    command[0] = "/usr/bin/python3";
    command[1] = py.toString();
    System.arraycopy(args, 0, command, 2, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(name + " finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** Output lines {@code name v1 v2 ...}, as a script prints named float arrays, by name. */
  public static Map<String, float[]> namedFloats(String output) {
    Map<String, float[]> rows = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      String[] f = line.trim().split(" ");
      float[] v = new float[f.length - 1];
      for (int i = 1; i < f.length; i++) v[i - 1] = Float.parseFloat(f[i]);
      rows.put(f[0], v);
    }
    return rows;
  }
}
