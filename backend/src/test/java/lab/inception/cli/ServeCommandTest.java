package lab.inception.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import lab.inception.coordinator.sweep.DataPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

  private static ServeCommand parsed(String... args) {
    ServeCommand c = new ServeCommand();
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  @DisplayName(
      "serve's datasets root is --datasets-root, else INCEPTION_DATASETS_ROOT, else"
          + " DATA_DIR/datasets; dataDir only with --allow-data-dir")
  void dataPolicy() {
    Path data = Path.of("/srv/lab");
    assertThat(parsed().dataPolicy(data, null))
        .isEqualTo(new DataPolicy(Path.of("/srv/lab/datasets"), false));
    assertThat(parsed().dataPolicy(data, "/mnt/shared"))
        .isEqualTo(new DataPolicy(Path.of("/mnt/shared"), false));
    assertThat(parsed("--datasets-root", "/data/sets", "--allow-data-dir").dataPolicy(data, "/x"))
        .isEqualTo(new DataPolicy(Path.of("/data/sets"), true));
  }

  @Test
  @DisplayName("serve --help documents --datasets-root and --allow-data-dir")
  void help() {
    String usage = new CommandLine(new ServeCommand()).getUsageMessage();
    assertThat(usage).contains("--datasets-root=DIR").contains("--allow-data-dir");
  }
}
