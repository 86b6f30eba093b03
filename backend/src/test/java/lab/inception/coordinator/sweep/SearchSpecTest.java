package lab.inception.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sweep file's search fields: method tpe, objective(s), constraints. */
class SearchSpecTest {

  static final String BASE =
      """
      method: tpe
      maxTrials: 20
      parameters:
        model: [googlenet, bn-inception]
        block: [reduced, naive]
        lr: {min: 0.001, max: 0.1, scale: log}
        batchSize: {min: 16, max: 128, scale: log}
      """;

  private static List<String> problems(String text) {
    try {
      SweepParser.parse(text);
    } catch (SweepValidationException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  @DisplayName(
      "a TPE sweep with ranges, two objectives and a budget is accepted, stored and read back as it was")
  void accepted() {
    SweepSpec spec =
        SweepParser.parse(
            BASE
                + "objectives: [{metric: val_accuracy}, {metric: macs}]\n"
                + "constraints: {maxMacs: 2.0e8, maxParams: 5e6}\n");
    assertThat(spec.method()).isEqualTo("tpe");
    assertThat(spec.objectives())
        .containsExactly(new Objective("val_accuracy", "max"), new Objective("macs", "min"));
    assertThat(spec.constraints()).isEqualTo(new Constraints(200_000_000L, 5_000_000L));
    assertThat(SweepSpec.fromJson(spec.toJson())).isEqualTo(spec);
    assertThat(SweepExpander.expand(spec)).as("TPE proposes its trials as it runs").isEmpty();
    SweepSpec one = SweepParser.parse(BASE + "objective: {metric: val_loss}\n");
    assertThat(one.objectives()).containsExactly(new Objective("val_loss", "min"));
    assertThat(SweepParser.parse(BASE).objectives()).containsExactly(Objective.defaults());
  }

  @Test
  @DisplayName("a TPE sweep of fixed values only, or without maxTrials, is refused with the path")
  void fixedOnly() {
    assertThat(problems("method: tpe\nmaxTrials: 5\nparameters: {model: googlenet, lr: [0.1]}\n"))
        .containsExactly(
            "parameters: method tpe needs at least one searched parameter (a list of values or a"
                + " {min, max} range); every parameter here is fixed");
    assertThat(problems("method: tpe\nparameters: {model: googlenet, lr: [0.1, 0.2]}\n"))
        .containsExactly("maxTrials: required for tpe search: how many trials to sample");
    assertThat(problems(BASE + "tpe: {startupTrials: -1, multivariate: 1, gamma: 2}\n"))
        .containsExactly(
            "tpe.gamma: unknown field; known: bandwidth, candidates, constantLiar, multivariate,"
                + " startupTrials",
            "tpe.startupTrials: must be between 0 and 10000, got -1",
            "tpe.multivariate: expected a boolean, got a number");
    assertThat(problems("parameters: {model: googlenet}\ntpe: {startupTrials: 3}\n"))
        .containsExactly("tpe: applies to method: tpe only");
    assertThat(SweepParser.parse(BASE + "tpe: {startupTrials: 3, multivariate: false}\n").tpe())
        .isEqualTo(new TpeSettings(3, 48, false, TpeSettings.Bandwidth.NEIGHBOUR, true, 1.0, true));
    assertThat(SweepParser.parse(BASE + "tpe: {bandwidth: scott, candidates: 24}\n").tpe())
        .isEqualTo(new TpeSettings(10, 24, true, TpeSettings.Bandwidth.SCOTT, true, 1.0, true));
    assertThat(problems(BASE + "tpe: {bandwidth: silverman}\n"))
        .containsExactly("tpe.bandwidth: expected one of neighbour, scott, got 'silverman'");
    assertThat(problems(BASE + "tpe: {bandwidth: 2}\n"))
        .containsExactly("tpe.bandwidth: expected one of neighbour, scott, got a number");
    TpeSettings scott = TpeSettings.defaults().with(TpeSettings.Bandwidth.SCOTT, 30);
    assertThat(TpeSettings.fromJson(scott.toJson())).isEqualTo(scott);
    assertThat(problems("method: bayes\nparameters: {model: googlenet}\n"))
        .containsExactly("method: unknown method 'bayes'; known: grid, random, tpe");
  }

  @Test
  @DisplayName(
      "an objective no trial reports (a step metric, an unknown name), a doubled one or both spellings are refused with the path")
  void objectives() {
    assertThat(problems(BASE + "objective: {metric: train_loss}\n"))
        .singleElement()
        .asString()
        .startsWith(
            "objective.metric: 'train_loss' is reported per step, not once per epoch; an objective"
                + " is an epoch metric every trial reports (val_loss, val_accuracy, val_top5) or a"
                + " cost known before training (macs, params)");
    assertThat(problems(BASE + "objectives: [{metric: val_accuracy}, {metric: flops}]\n"))
        .singleElement()
        .asString()
        .startsWith("objectives[1].metric: unknown metric 'flops'");
    assertThat(problems(BASE + "objectives: [{metric: macs}, {metric: macs, mode: max}]\n"))
        .containsExactly("objectives[1].metric: 'macs' is an objective already");
    assertThat(problems(BASE + "objective: {metric: macs}\nobjectives: [{metric: params}]\n"))
        .containsExactly("objectives: give objective or objectives, not both");
    assertThat(problems(BASE + "objective: {metric: val_accuracy, mode: up, goal: 1}\n"))
        .containsExactly(
            "objective.goal: unknown field; known: metric, mode",
            "objective.mode: unknown mode 'up'; known: max, min");
    assertThat(problems(BASE + "objectives: []\n"))
        .containsExactly("objectives: expected a non-empty list of {metric, mode}, got a list");
  }

  @Test
  @DisplayName(
      "a budget no configuration meets is refused (exhaustively over lists, by sampling over ranges), naming the cheapest")
  void impossibleBudget() {
    String grid = "parameters:\n  model: [googlenet, bn-inception]\n  width: [0.125, 0.25]\n";
    assertThat(problems(grid + "constraints: {maxMacs: 1000}\n"))
        .singleElement()
        .asString()
        .startsWith(
            "constraints.maxMacs: no configuration meets it (checked all 4 network configurations); the cheapest has ");
    assertThat(
            problems(
                "method: tpe\nmaxTrials: 9\nparameters:\n  model: googlenet\n  width: {min: 0.1, max: 0.5}\n"
                    + "constraints: {maxParams: 10}\n"))
        .singleElement()
        .asString()
        .startsWith("constraints.maxParams: no configuration meets it (checked 500 sampled");
    assertThat(problems(grid + "constraints: {maxMacs: -3, maxFlops: 1}\n"))
        .containsExactly(
            "constraints.maxFlops: unknown field; known: maxMacs, maxParams",
            "constraints.maxMacs: expected a positive whole number (such as 2.0e8), got a number '-3'");
  }

  @Test
  @DisplayName("a grid under a budget keeps exactly the configurations within it")
  void gridUnderBudget() {
    String grid = "parameters:\n  model: googlenet\n  width: [0.125, 0.25, 0.5]\n";
    List<Map<String, Object>> all = SweepExpander.expand(SweepParser.parse(grid));
    long[] macs = all.stream().mapToLong(t -> TrialCost.of(t).orElseThrow().macs()).toArray();
    assertThat(macs[0]).isLessThan(macs[1]);
    assertThat(macs[1]).isLessThan(macs[2]);
    SweepSpec budget = SweepParser.parse(grid + "constraints: {maxMacs: " + macs[1] + "}\n");
    assertThat(SweepExpander.expand(budget))
        .extracting(t -> t.get("width"))
        .containsExactly(0.125, 0.25);
    SweepSpec random =
        SweepParser.parse(
            "method: random\nmaxTrials: 12\nparameters:\n  model: googlenet\n  width: {min: 0.125, max: 0.5}\n"
                + "constraints: {maxMacs: "
                + macs[1]
                + "}\n");
    List<Map<String, Object>> drawn = SweepExpander.expand(random);
    assertThat(drawn).hasSize(12);
    assertThat(drawn)
        .allSatisfy(
            t -> assertThat(TrialCost.of(t).orElseThrow().macs()).isLessThanOrEqualTo(macs[1]));
  }

  @Test
  @DisplayName("the TPE example of docs/sweep-file.md is accepted as written")
  void docsExample() throws Exception {
    String doc =
        java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "sweep-file.md"));
    String search = doc.substring(doc.indexOf("## Search"));
    String yaml =
        search.substring(
            search.indexOf("```yaml\n") + 8,
            search.indexOf("```\n", search.indexOf("```yaml\n") + 8));
    SweepSpec spec = SweepParser.parse(yaml);
    assertThat(spec.method()).isEqualTo("tpe");
    assertThat(spec.objectives()).hasSize(2);
    assertThat(spec.constraints().maxMacs()).isEqualTo(200_000_000L);
  }
}
