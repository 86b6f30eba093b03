package lab.inception.coordinator.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A separate JVM running {@code inception <args>} from the test class path, its output captured.
 */
final class Jvm implements AutoCloseable {
  final Process process;
  final List<String> lines = new CopyOnWriteArrayList<>();
  final String name;

  Jvm(String name, Path log, String... args) throws Exception {
    this.name = name;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Dai.djl.offline=true",
            "-Xmx512m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Djava.util.logging.config.file=/dev/null"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "lab.inception.cli.Main"));
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  var w = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String l; (l = r.readLine()) != null; ) {
                  lines.add(l);
                  w.write(l);
                  w.newLine();
                  w.flush();
                }
              } catch (Exception e) {
                // process ended
              }
            },
            "jvm-" + name);
    t.setDaemon(true);
    t.start();
  }

  /** Waits for an output line matching the pattern and returns its first group. */
  String await(String regex, long seconds) throws Exception {
    Pattern p = Pattern.compile(regex);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      for (String l : lines) {
        Matcher m = p.matcher(l);
        if (m.find()) return m.groupCount() > 0 ? m.group(1) : l;
      }
      if (!process.isAlive()) break;
      Thread.sleep(100);
    }
    throw new AssertionError(
        name + " never printed /" + regex + "/; output:\n" + String.join("\n", lines));
  }

  /** kill -9, and waits for it to be gone. */
  void kill9() throws Exception {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) kill9();
    }
  }
}
