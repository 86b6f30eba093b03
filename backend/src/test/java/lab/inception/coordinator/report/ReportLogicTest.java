package lab.inception.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The report's pure parts: the front, the grouping, the downsampling, the chart files. */
class ReportLogicTest {

  static JsonObject row(String trial, Long macs, Double acc, JsonObject params) {
    return new JsonObject()
        .put("trial", trial)
        .put("index", 0)
        .put("state", "completed")
        .put("parameters", params)
        .put("macs", macs)
        .put("params", 1L)
        .put("bestValAccuracy", acc)
        .put("finalValAccuracy", acc)
        .put("testAccuracy", acc);
  }

  static JsonObject p(String model, double lr) {
    return new JsonObject().put("model", model).put("lr", lr);
  }

  @Test
  @DisplayName(
      "the front keeps what nothing beats on both axes: equal accuracy at more MACs is beaten,"
          + " an exact tie is kept, a trial without accuracy is left out")
  void front() {
    JsonArray rows =
        new JsonArray()
            .add(row("a", 100L, 0.5, p("m", 1)))
            .add(row("b", 200L, 0.7, p("m", 1)))
            .add(row("c", 200L, 0.6, p("m", 1)))
            .add(row("d", 300L, 0.7, p("m", 1)))
            .add(row("e", 300L, 0.9, p("m", 1)))
            .add(row("f", 300L, 0.9, p("m", 1)))
            .add(row("g", 50L, null, p("m", 1)));
    assertThat(ParetoFront.of(rows))
        .extracting(r -> r.getString("trial"))
        .containsExactly("a", "b", "e", "f");
    assertThat(ParetoFront.measured(rows)).hasSize(6);
  }

  @Test
  @DisplayName(
      "groups follow the first varying parameter in the spec's order; means skip missing values")
  void grouping() {
    JsonArray rows =
        new JsonArray()
            .add(row("a", 1L, 0.2, p("googlenet", 0.1)))
            .add(row("b", 1L, 0.6, p("googlenet", 0.2)))
            .add(row("c", 1L, null, p("bn-inception", 0.1)))
            .add(row("d", 1L, 0.4, p("bn-inception", 0.1)));
    assertThat(Grouping.varying(rows, List.of("lr", "model"))).containsExactly("lr", "model");
    List<String> model = List.of("model", "lr");
    assertThat(
            GroupBy.parse(null, Grouping.parameters(rows, model), Grouping.varying(rows, model))
                .parameters())
        .containsExactly("model");
    List<Grouping.Group> g = Grouping.by(rows, List.of("model"));
    assertThat(g)
        .extracting(Grouping.Group::values)
        .containsExactly(List.of("googlenet"), List.of("bn-inception"));
    Grouping.Stats bn = g.get(1).stats().get("testAccuracy");
    assertThat(g.get(1).trials()).isEqualTo(2);
    assertThat(bn.n()).isEqualTo(1);
    assertThat(bn.mean()).isEqualTo(0.4);
    Grouping.Stats gn = g.get(0).stats().get("bestValAccuracy");
    assertThat(gn.mean()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(gn.min()).isEqualTo(0.2);
    assertThat(gn.max()).isEqualTo(0.6);
  }

  @Test
  @DisplayName("a long curve is drawn from each bucket's extremes: a one-step spike survives")
  void downsampling() {
    double[] y = new double[10_000];
    for (int i = 0; i < y.length; i++) y[i] = 1.0 / (i + 1);
    y[5_537] = 50;
    List<Integer> keep = Svg.extremes(y, 200);
    assertThat(keep).contains(0, 9_999, 5_537).hasSizeLessThanOrEqualTo(402).isSorted();
    assertThat(Svg.extremes(new double[] {1, 2, 3}, 200)).containsExactly(0, 1, 2);
  }

  @Test
  @DisplayName(
      "a hostile sweep name is escaped in HTML; Markdown charts move into files and back links")
  void escapingAndFiles() {
    JsonObject sweep =
        new JsonObject()
            .put("id", "s1")
            .put("name", "<script>alert(1)</script>")
            .put("state", "completed")
            .put("trials", 1)
            .put("counts", new JsonObject().put("completed", 1))
            .put("spec", new JsonObject().put("parameters", new JsonObject().put("lr", 0.1)))
            .put("created", "t0")
            .put("updated", "t1");
    JsonArray rows = new JsonArray().add(row("s1-t000", 10L, 0.5, p("googlenet", 0.1)));
    ReportData.Curve c =
        new ReportData.Curve("val_accuracy", "s1-t000", new long[] {1, 2}, new double[] {0.1, 0.5});
    ReportData d = new ReportData(sweep, rows, List.of(c));
    String html = SweepReport.render(d, null, SweepReport.Format.HTML);
    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;");
    String md = SweepReport.render(d, "lr", SweepReport.Format.MD);
    SweepReport.Externalized x = SweepReport.externalize(md, "s1-");
    assertThat(x.files()).containsOnlyKeys("s1-pareto.svg", "s1-curve-val_accuracy.svg");
    assertThat(x.markdown()).contains("](s1-curve-val_accuracy.svg)").doesNotContain("data:image");
    assertThat(x.files().get("s1-curve-val_accuracy.svg")).startsWith("<svg").contains("<polyline");
    assertThatThrownBy(() -> SweepReport.render(d, "width", SweepReport.Format.MD))
        .hasMessage("unknown group-by parameter 'width'; the trials have: lr, model");
  }
}
