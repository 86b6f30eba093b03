package lab.inception.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Grouping by several parameters and by "all but": a small study (googlenet-tv with two blocks,
 * bn-inception without a block, two label smoothings, up to three seeds) whose expected means and
 * sample standard deviations are worked out by hand in the comments.
 */
class GroupingTest {
  static final List<String> SPEC = List.of("model", "block", "labelSmoothing", "seed");

  /** A results row; a null accuracy or speed stands for a trial that did not report one. */
  static JsonObject row(
      String trial, JsonObject params, Double acc, long size, long macs, Double ips, Double secs) {
    return new JsonObject()
        .put("trial", trial)
        .put("index", 0)
        .put("state", "completed")
        .put("parameters", params)
        .put("params", size)
        .put("macs", macs)
        .put("bestValAccuracy", acc)
        .put("finalValAccuracy", acc)
        .put("testAccuracy", acc)
        .put("seconds", secs)
        .put("imagesPerSec", ips);
  }

  static JsonObject googlenet(String block, double ls, int seed) {
    return new JsonObject()
        .put("model", "googlenet-tv")
        .put("block", block)
        .put("labelSmoothing", ls)
        .put("seed", seed);
  }

  /** bn-inception takes no {@code block}: its trials' parameters leave it out... */
  static JsonObject bn(double ls, int seed) {
    return new JsonObject()
        .put("model", "bn-inception")
        .put("labelSmoothing", ls)
        .put("seed", seed);
  }

  /** ...or hold it at its default, as a stored trial configuration does. */
  static JsonObject bnStored(double ls, int seed) {
    return bn(ls, seed).put("block", "reduced").put("auxWeight", 0.3);
  }

  static final JsonArray ROWS =
      new JsonArray()
          .add(row("t0", googlenet("naive", 0.0, 1), 0.5, 100, 1000, 200.0, 10.0))
          .add(row("t1", googlenet("naive", 0.0, 2), 0.7, 100, 1000, 300.0, 12.0))
          .add(row("t2", googlenet("reduced", 0.0, 1), 0.6, 80, 700, 400.0, 8.0))
          .add(row("t3", googlenet("reduced", 0.0, 2), null, 80, 700, null, null))
          .add(row("t4", bnStored(0.0, 1), 0.2, 50, 500, 500.0, 5.0))
          .add(row("t5", bn(0.0, 2), 0.4, 50, 500, 600.0, 6.0))
          .add(row("t6", bn(0.0, 3), 0.9, 50, 500, 700.0, 7.0))
          .add(row("t7", bn(0.1, 1), 0.3, 50, 500, 550.0, 5.5));

  static GroupBy parse(String text) {
    return GroupBy.parse(text, Grouping.parameters(ROWS, SPEC), Grouping.varying(ROWS, SPEC));
  }

  @Test
  @DisplayName(
      "all-but:seed groups by every other varying parameter: one group per configuration in"
          + " first-appearance order, — for a parameter the model does not have, mean ± sample std"
          + " and min–max of each accuracy, mean params, MACs, seconds and images/s")
  void allButSeed() {
    List<String> by = parse("all-but:seed").parameters();
    assertThat(by).containsExactly("model", "block", "labelSmoothing");
    List<Grouping.Group> g = Grouping.by(ROWS, by);
    assertThat(g)
        .extracting(Grouping.Group::values)
        .containsExactly(
            List.of("googlenet-tv", "naive", "0.0"),
            List.of("googlenet-tv", "reduced", "0.0"),
            List.of("bn-inception", "—", "0.0"),
            List.of("bn-inception", "—", "0.1"));
    assertThat(g).extracting(Grouping.Group::trials).containsExactly(2, 2, 3, 1);

    // naive: 0.5 and 0.7 → mean 0.6, squares 0.01 + 0.01 over n − 1 = 1 → std √0.02
    Grouping.Stats naive = g.get(0).stats().get("bestValAccuracy");
    assertThat(naive.n()).isEqualTo(2);
    assertThat(naive.mean()).isCloseTo(0.6, within(1e-12));
    assertThat(naive.std()).hasValueCloseTo(0.1414213562373095, within(1e-12));
    assertThat(naive.min()).isEqualTo(0.5);
    assertThat(naive.max()).isEqualTo(0.7);
    Map<String, Grouping.Stats> naiveAll = g.get(0).stats();
    assertThat(naiveAll.get("params").mean()).isEqualTo(100);
    assertThat(naiveAll.get("macs").mean()).isEqualTo(1000);
    assertThat(naiveAll.get("imagesPerSec").mean()).isEqualTo(250); // (200 + 300) / 2
    assertThat(naiveAll.get("seconds").mean()).isEqualTo(11); // (10 + 12) / 2

    // reduced: one of its two trials has an accuracy and a speed: n = 1, no std
    Map<String, Grouping.Stats> reduced = g.get(1).stats();
    assertThat(reduced.get("testAccuracy").n()).isEqualTo(1);
    assertThat(reduced.get("testAccuracy").std()).isEmpty();
    assertThat(reduced.get("imagesPerSec").mean()).isEqualTo(400);
    assertThat(reduced.get("params").n()).isEqualTo(2);

    // bn-inception, 0.0: 0.2, 0.4, 0.9 → mean 0.5; squares 0.09 + 0.01 + 0.16 = 0.26, / 2 → √0.13
    Grouping.Stats bn = g.get(2).stats().get("finalValAccuracy");
    assertThat(bn.mean()).isCloseTo(0.5, within(1e-12));
    assertThat(bn.std()).hasValueCloseTo(0.36055512754639896, within(1e-12));
    assertThat(g.get(2).stats().get("seconds").mean()).isCloseTo(6.0, within(1e-12));
    assertThat(g.get(3).stats().get("bestValAccuracy").std()).isEmpty();
  }

  @Test
  @DisplayName(
      "a parameter the row's model does not take reads — whether the row leaves it out or holds"
          + " its default")
  void notTaken() {
    assertThat(Grouping.value(ROWS.getJsonObject(4), "block")).isEqualTo("—");
    assertThat(Grouping.value(ROWS.getJsonObject(4), "auxWeight")).isEqualTo("—");
    assertThat(Grouping.value(ROWS.getJsonObject(5), "block")).isEqualTo("—");
    assertThat(Grouping.value(ROWS.getJsonObject(2), "block")).isEqualTo("reduced");
    assertThat(Grouping.value(ROWS.getJsonObject(4), "labelSmoothing")).isEqualTo("0.0");
  }

  @Test
  @DisplayName(
      "a comma list groups by the combinations of its parameters, in its order; the group's mean"
          + " size is the mean over its trials")
  void severalParameters() {
    List<String> by = parse(" labelSmoothing , model").parameters();
    assertThat(by).containsExactly("labelSmoothing", "model");
    List<Grouping.Group> g = Grouping.by(ROWS, by);
    assertThat(g)
        .extracting(Grouping.Group::values)
        .containsExactly(
            List.of("0.0", "googlenet-tv"),
            List.of("0.0", "bn-inception"),
            List.of("0.1", "bn-inception"));
    // googlenet-tv, 0.0: 0.5, 0.7, 0.6 (t3 has none) → mean 0.6; squares 0.01 + 0.01 + 0 over 2
    Grouping.Stats gn = g.get(0).stats().get("bestValAccuracy");
    assertThat(gn.n()).isEqualTo(3);
    assertThat(gn.mean()).isCloseTo(0.6, within(1e-12));
    assertThat(gn.std()).hasValueCloseTo(0.1, within(1e-12));
    assertThat(g.get(0).stats().get("params").mean()).isEqualTo(90); // 100, 100, 80, 80
    assertThat(g.get(0).stats().get("macs").mean()).isEqualTo(850); // 1000, 1000, 700, 700
    assertThat(parse("seed").parameters()).containsExactly("seed");
    assertThat(parse(null).parameters()).containsExactly("model"); // the first that varies
    assertThat(parse("all-but:seed,block").parameters()).containsExactly("model", "labelSmoothing");
  }

  @Test
  @DisplayName(
      "an unknown name, an empty item, a repeated name and an all-but that leaves nothing are"
          + " refused naming them")
  void refused() {
    assertThatThrownBy(() -> parse("model,colour"))
        .hasMessage(
            "unknown group-by parameter 'colour'; the trials have: model, block, labelSmoothing,"
                + " seed, auxWeight");
    assertThatThrownBy(() -> parse("all-but:colour"))
        .hasMessageStartingWith("unknown group-by parameter 'colour'");
    assertThatThrownBy(() -> parse("model,,seed"))
        .hasMessageStartingWith("empty group-by parameter in 'model,,seed'");
    assertThatThrownBy(() -> parse("model,")).hasMessageStartingWith("empty group-by parameter");
    assertThatThrownBy(() -> parse("all-but:")).hasMessageStartingWith("empty group-by parameter");
    assertThatThrownBy(() -> parse("seed,seed"))
        .hasMessage("group-by parameter 'seed' is given twice");
    assertThatThrownBy(() -> parse("all-but:model,block,labelSmoothing,seed"))
        .hasMessageContaining("leaves no parameter that varies");
  }

  @Test
  @DisplayName(
      "the report's group table has one label column per parameter (— kept), ± std (— for one"
          + " trial) and the cost columns formatted as in the results table")
  void table() {
    JsonObject sweep =
        new JsonObject()
            .put("id", "s1")
            .put("name", "study")
            .put("state", "completed")
            .put("spec", new JsonObject().put("parameters", new JsonObject()));
    String md =
        SweepReport.render(
            new ReportData(sweep, ROWS, List.of()), "all-but:seed", SweepReport.Format.MD);
    assertThat(md)
        .contains("## By model, block, labelSmoothing")
        .contains(
            "| model | block | labelSmoothing | trials | bestValAccuracy mean | bestValAccuracy ±"
                + " std | bestValAccuracy min–max |")
        .contains("| testAccuracy min–max | params | macs | seconds | imagesPerSec |\n")
        .contains("| googlenet-tv | naive | 0.0 | 2 | 0.6000 | 0.1414 | 0.5000–0.7000 | 0.6000 |")
        .contains("| 0.5000–0.7000 | 100 | 1,000 | 11.0 | 250.0 |\n")
        .contains("| googlenet-tv | reduced | 0.0 | 2 | 0.6000 | — | 0.6000–0.6000 |")
        .contains("| bn-inception | — | 0.0 | 3 | 0.5000 | 0.3606 | 0.2000–0.9000 |")
        .contains("| bn-inception | — | 0.1 | 1 | 0.3000 | — | 0.3000–0.3000 |");
    ReportData.Curve c =
        new ReportData.Curve("val_accuracy", "t0", new long[] {1, 2}, new double[] {0.1, 0.5});
    String html =
        SweepReport.render(
            new ReportData(sweep, ROWS, List.of(c)),
            "model,labelSmoothing",
            SweepReport.Format.HTML);
    assertThat(html) // the curves' legend names each group's combination
        .contains(">model = googlenet-tv, labelSmoothing = 0.0</text>")
        .contains(">model = bn-inception, labelSmoothing = 0.1</text>");
  }
}
