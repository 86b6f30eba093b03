package lab.inception.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelCommandsTest {

  @Test
  @DisplayName("every command of ./inception answers --help with its usage and exit 0")
  void everyCommandHasHelp() {
    picocli.CommandLine main = new picocli.CommandLine(new Main());
    assertThat(main.getSubcommands()).isNotEmpty();
    for (String name : main.getSubcommands().keySet()) {
      CliRun r = CliRun.of(name, "--help");
      assertThat(r.status()).as(name + " --help\n" + r.err()).isZero();
      assertThat(r.out()).as(name).startsWith("Usage: inception " + name);
    }
  }

  @Test
  @DisplayName("flops --json prints the INTERFACE object with branch shares for a single block")
  void flopsJson() {
    CliRun r = CliRun.of("flops", "--model", "reduced-block", "--json");
    assertThat(r.status()).isZero();
    JsonObject o = new JsonObject(r.out().trim());
    assertThat(o.getString("model")).isEqualTo("reduced-block");
    assertThat(o.getLong("macs")).isEqualTo(271_351_808L);
    assertThat(o.getJsonArray("input")).isEqualTo(new JsonArray().add(256).add(28).add(28));
    assertThat(o.getJsonArray("outputShape")).isEqualTo(new JsonArray().add(480).add(28).add(28));
    JsonArray branches = o.getJsonArray("blocks").getJsonObject(0).getJsonArray("branches");
    assertThat(branches).hasSize(4);
    assertThat(branches.getJsonObject(2).getString("name")).isEqualTo("5x5");
    assertThat(branches.getJsonObject(2).getDouble("share")).isBetween(0.4905, 0.4915);
  }

  @Test
  @DisplayName("flops prints a table with every module of GoogLeNet and the totals")
  void flopsTable() {
    CliRun r = CliRun.of("flops", "--model", "googlenet-tv", "--aux");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains(
            "inception3a", "inception5b", "└ 3x3", "params  13,004,888", "MACs    1,498,376,192");
  }

  /** {@code flops --json} of googlenet at 1×28×28, 10 classes, width 0.25, small stem. */
  private static JsonObject smallGoogLeNet(String block) {
    CliRun r =
        CliRun.of(
            "flops",
            "--model",
            "googlenet",
            "--input",
            "1x28x28",
            "--classes",
            "10",
            "--width",
            "0.25",
            "--stem",
            "small",
            "--block",
            block,
            "--json");
    assertThat(r.status()).as(r.err()).isZero();
    return new JsonObject(r.out().trim());
  }

  private static JsonObject block(JsonObject flops, String name) {
    return flops.getJsonArray("blocks").stream()
        .map(JsonObject.class::cast)
        .filter(b -> b.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("flops takes --input, --classes, --width, --stem and --block")
  void flopsOptions() {
    JsonObject o = smallGoogLeNet("naive");
    assertThat(o.getJsonArray("outputShape")).isEqualTo(new JsonArray().add(10));
    assertThat(o.getString("block")).isEqualTo("naive");
    JsonObject i3a = block(o, "inception3a");
    // naive: 1x1 16 + 3x3 32 + 5x5 8 + pool passes 48 through, at 28×28 (small stem)
    assertThat(i3a.getJsonArray("outputShape")).isEqualTo(new JsonArray().add(104).add(28).add(28));
  }

  @Test
  @DisplayName(
      "flops --block naive-projected: inception3a has the reduced module's 64 channels and costs"
          + " 48·16 + 9·48·32 + 25·48·8 + 48·8 weights a pixel")
  void flopsNaiveProjected() {
    JsonObject o = smallGoogLeNet("naive-projected");
    assertThat(o.getString("block")).isEqualTo("naive-projected");
    JsonObject i3a = block(o, "inception3a");
    // width 0.25: input 48 (conv3's 192/4), 1x1 16, 3x3 32, 5x5 8, pool proj 8, at 28×28
    assertThat(i3a.getJsonArray("outputShape")).isEqualTo(new JsonArray().add(64).add(28).add(28));
    assertThat(i3a.getLong("macs"))
        .isEqualTo((48L * 16 + 9L * 48 * 32 + 25L * 48 * 8 + 48L * 8) * 28 * 28);
    CliRun bad = CliRun.of("flops", "--model", "googlenet", "--block", "projected");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("known: reduced, naive, naive-projected");
  }

  @Test
  @DisplayName("bad arguments exit 2 with a one-line reason")
  void badArguments() {
    CliRun unknown = CliRun.of("flops", "--model", "inception-v9");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown model 'inception-v9'; known:").hasLineCount(1);
    CliRun small = CliRun.of("flops", "--model", "googlenet-tv", "--input", "3x8x8");
    assertThat(small.status()).isEqualTo(2);
    assertThat(small.err()).contains("smallest valid input is 3×15×15");
    assertThat(CliRun.of("flops", "--model", "googlenet", "--width", "0").err())
        .contains("width must be > 0");
    assertThat(CliRun.of("flops", "--model", "googlenet", "--input", "3x224").err())
        .contains("CxHxW");
    assertThat(CliRun.of("flops", "--model", "googlenet", "--stem", "tiny").status()).isEqualTo(2);
    assertThat(CliRun.of("flops").status()).isEqualTo(2);
  }

  @Test
  @DisplayName("graph --json gives connected nodes and edges, the aux heads reading their stage")
  void graphJson() {
    CliRun r = CliRun.of("graph", "--model", "googlenet-tv", "--aux", "--json");
    assertThat(r.status()).isZero();
    JsonObject g = new JsonObject(r.out().trim());
    JsonArray nodes = g.getJsonArray("nodes");
    JsonArray edges = g.getJsonArray("edges");
    Set<String> ids = new HashSet<>();
    nodes.forEach(n -> ids.add(((JsonObject) n).getString("id")));
    assertThat(ids).contains("input", "inception3a/concat", "inception3a/3x3/conv3x3_2", "head/fc");
    edges.forEach(
        e -> {
          JsonObject edge = (JsonObject) e;
          assertThat(ids).contains(edge.getString("from"), edge.getString("to"));
        });
    assertThat(edges)
        .anySatisfy(
            e -> assertThat(((JsonObject) e).getString("from")).isEqualTo("inception4a/concat"));
    long convMacs =
        nodes.stream()
            .map(JsonObject.class::cast)
            .filter(n -> !n.getBoolean("aux"))
            .mapToLong(n -> n.getLong("macs"))
            .sum();
    assertThat(convMacs).isEqualTo(1_498_376_192L);
    // 4 branches of 9 modules each merge into a concat node
    assertThat(
            nodes.stream()
                .map(JsonObject.class::cast)
                .filter(n -> n.getString("kind").equals("concat")))
        .hasSize(9);
  }

  @Test
  @DisplayName("models lists every model with params and MACs; --json as an array")
  void models() {
    CliRun r = CliRun.of("models", "--json");
    assertThat(r.status()).isZero();
    JsonArray a = new JsonArray(r.out().trim());
    assertThat(a.stream().map(o -> ((JsonObject) o).getString("name")))
        .contains("naive-block", "reduced-block", "v2-block", "googlenet", "googlenet-tv");
    JsonObject tv =
        a.stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("name").equals("googlenet-tv"))
            .findFirst()
            .orElseThrow();
    assertThat(tv.getLong("params")).isEqualTo(6_624_904L);
    assertThat(tv.getLong("macs")).isEqualTo(1_498_376_192L);
  }
}
