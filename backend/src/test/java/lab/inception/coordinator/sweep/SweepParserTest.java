package lab.inception.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SweepParserTest {

  static final String INTERFACE_EXAMPLE =
      """
      name: aux-weight-vs-smoothing
      dataset: fashion-mnist          # fashion-mnist | cifar10 | synthetic-shapes | imagefolder:PATH
      method: grid                    # grid | random
      maxTrials: 16
      maxConcurrent: 2
      seed: 7
      parameters:
        model: [googlenet, googlenet-tv]
        block: [naive, reduced]
        stem: small
        width: 0.25
        auxWeight: [0.0, 0.3]
        labelSmoothing: [0.0, 0.1]
        optimizer: sgd
        epochs: 3
        batchSize: 128
      earlyStopping: {type: asha, metric: val_accuracy, mode: max, gracePeriod: 1, reductionFactor: 3}
      """;

  private static List<Problem> problems(String text) {
    try {
      SweepParser.parse(text);
    } catch (SweepValidationException e) {
      return e.problems();
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  @DisplayName("the README's sweep example is accepted and expands into its 16-trial grid")
  void readmeExample() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    assertThat(SweepExpander.expand(SweepParser.parse(yaml))).hasSize(16);
  }

  @Test
  @DisplayName(
      "block naive-projected is a sweep choice for the GoogLeNet family and refused elsewhere")
  void naiveProjectedBlock() {
    SweepSpec spec =
        SweepParser.parse(
            "parameters:\n  model: googlenet-tv\n  block: [naive, naive-projected, reduced]\n"
                + "  width: 0.25\n");
    assertThat(SweepExpander.expand(spec))
        .extracting(t -> t.get("block"))
        .containsExactly("naive", "naive-projected", "reduced");
    assertThat(problems("parameters:\n  model: bn-inception\n  block: naive-projected\n"))
        .anyMatch(p -> p.toString().contains("naive-projected"));
  }

  static final String CONDITIONAL_GRID =
      """
      dataset: synthetic-shapes
      parameters:
        model: [googlenet-tv, bn-inception]
        block: [naive, naive-projected, reduced]
        auxWeight: [0, 0.3]
        labelSmoothing: [0, 0.1]
        epochs: 1
      """;

  private static List<Object> column(List<Map<String, Object>> trials, String key) {
    return trials.stream().map(t -> t.get(key)).toList();
  }

  @Test
  @DisplayName(
      "a grid leaves block and auxWeight out of bn-inception's combinations: 3×2×2 googlenet-tv"
          + " trials and 2 bn-inception ones, in grid order")
  void conditionalGrid() {
    SweepSpec spec = SweepParser.parse(CONDITIONAL_GRID);
    List<Map<String, Object>> trials = SweepExpander.expand(spec);
    assertThat(SweepExpander.size(spec)).isEqualTo(14);
    assertThat(trials).hasSize(14).doesNotHaveDuplicates();
    assertThat(column(trials.subList(0, 12), "model")).containsOnly("googlenet-tv");
    assertThat(column(trials.subList(0, 4), "block")).containsOnly("naive");
    assertThat(column(trials.subList(0, 4), "auxWeight")).containsExactly(0.0, 0.0, 0.3, 0.3);
    assertThat(column(trials.subList(0, 4), "labelSmoothing")).containsExactly(0.0, 0.1, 0.0, 0.1);
    assertThat(column(trials.subList(4, 8), "block")).containsOnly("naive-projected");
    assertThat(column(trials.subList(8, 12), "block")).containsOnly("reduced");
    // the model's defaults stand for what it does not take
    assertThat(trials.subList(12, 14))
        .extracting(t -> List.of(t.get("model"), t.get("block"), t.get("labelSmoothing")))
        .containsExactly(
            List.of("bn-inception", "reduced", 0.0), List.of("bn-inception", "reduced", 0.1));
  }

  @Test
  @DisplayName("the conditional grid of docs/sweep-file.md has the 14 trials it says")
  void conditionalDocsExample() throws Exception {
    String doc =
        java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "sweep-file.md"));
    String part = doc.substring(doc.indexOf("**Parameters that apply to some models only**"));
    int start = part.indexOf("```yaml\n") + "```yaml\n".length();
    SweepSpec spec = SweepParser.parse(part.substring(start, part.indexOf("```", start)));
    assertThat(SweepExpander.expand(spec)).hasSize(14);
  }

  @Test
  @DisplayName(
      "a conditional parameter before model: the combinations left identical are kept once, at"
          + " their first place")
  void conditionalBeforeModel() {
    SweepSpec spec =
        SweepParser.parse(
            "parameters:\n  block: [naive, reduced]\n  model: [googlenet-tv, bn-inception]\n"
                + "  lr: [0.1, 0.01]\n");
    List<Map<String, Object>> trials = SweepExpander.expand(spec);
    assertThat(trials)
        .extracting(t -> List.of(t.get("model"), t.get("block"), t.get("lr")))
        .containsExactly(
            List.of("googlenet-tv", "naive", 0.1),
            List.of("googlenet-tv", "naive", 0.01),
            List.of("bn-inception", "reduced", 0.1),
            List.of("bn-inception", "reduced", 0.01),
            List.of("googlenet-tv", "reduced", 0.1),
            List.of("googlenet-tv", "reduced", 0.01));
    assertThat(SweepExpander.size(spec)).isEqualTo(6);
  }

  @Test
  @DisplayName(
      "a grid's size is its trial count, computed without enumerating: per model, the lists it"
          + " takes")
  void conditionalSize() {
    for (String params :
        List.of(
            "{model: [googlenet, bn-inception, inception-v3], block: [naive, reduced],"
                + " auxWeight: [0, 0.3, 1], lr: [0.1, 0.01]}",
            "{auxWeight: [0, 0.3], model: [bn-inception, googlenet-tv, bn-inception], block:"
                + " [reduced, naive]}",
            "{model: googlenet-tv, block: [naive, reduced], auxWeight: [0, 0.3]}",
            "{model: [googlenet, googlenet-tv], block: [naive, reduced], width: [0.25, 0.5]}")) {
      SweepSpec spec = SweepParser.parse("parameters: " + params + "\n");
      assertThat(SweepExpander.size(spec)).as(params).isEqualTo(SweepExpander.expand(spec).size());
    }
    // googlenet 2·3·2 + bn-inception 2 + inception-v3 3·2 = 20
    assertThat(
            SweepExpander.size(
                SweepParser.parse(
                    "parameters: {model: [googlenet, bn-inception, inception-v3], block: [naive,"
                        + " reduced], auxWeight: [0, 0.3, 1], lr: [0.1, 0.01]}\n")))
        .isEqualTo(20);
    String huge =
        "parameters:\n  model: [googlenet-tv, bn-inception]\n  block: [naive, reduced]\n  lr: ["
            + "0.1,".repeat(999)
            + "0.2]\n  epochs: ["
            + "1,".repeat(999)
            + "2]\n";
    // googlenet-tv 2·1000·1000 + bn-inception 1000·1000
    assertThat(problems(huge))
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .startsWith("the grid has 3000000 trials, more than maxTrials 1000");
  }

  @Test
  @DisplayName(
      "a conditional parameter that no model of the sweep takes stays a mistake, refused with the"
          + " combination named")
  void conditionalNoTaker() {
    assertThat(problems("parameters:\n  model: [bn-inception, inception-v4]\n  block: [naive]\n"))
        .extracting(Problem::message)
        .anyMatch(m -> m.startsWith("model bn-inception with block naive, stem small"))
        .anyMatch(m -> m.startsWith("model inception-v4 with block naive, stem small"));
    assertThat(
            problems(
                "method: random\nmaxTrials: 50\nparameters:\n  model: bn-inception\n"
                    + "  block: [naive, reduced]\n"))
        .extracting(Problem::message)
        .anyMatch(m -> m.startsWith("model bn-inception with block naive"));
  }

  @Test
  @DisplayName("a random draw leaves out the parameters its model does not take")
  void conditionalRandom() {
    SweepSpec spec =
        SweepParser.parse(
            """
            method: random
            maxTrials: 40
            seed: 5
            parameters:
              model: [googlenet-tv, bn-inception]
              block: [naive, naive-projected]
              auxWeight: {min: 0.1, max: 1}
              lr: {min: 0.001, max: 0.1, scale: log}
            """);
    List<Map<String, Object>> draws = SweepExpander.draws(spec, 40);
    assertThat(draws).anyMatch(d -> d.get("model").equals("bn-inception"));
    for (Map<String, Object> d : draws) {
      if (d.get("model").equals("bn-inception")) assertThat(d).containsOnlyKeys("model", "lr");
      else assertThat(d).containsOnlyKeys("model", "block", "auxWeight", "lr");
    }
    List<Map<String, Object>> trials = SweepExpander.expand(spec);
    assertThat(trials).hasSize(40);
    assertThat(trials)
        .filteredOn(t -> t.get("model").equals("bn-inception"))
        .extracting(t -> t.get("block"))
        .containsOnly("reduced");
  }

  @Test
  @DisplayName("the INTERFACE.md example expands into its 16-trial grid, first parameter slowest")
  void gridExample() {
    SweepSpec spec = SweepParser.parse(INTERFACE_EXAMPLE);
    List<Map<String, Object>> trials = SweepExpander.expand(spec);
    assertThat(trials).hasSize(16);
    assertThat(trials.get(0))
        .containsEntry("model", "googlenet")
        .containsEntry("block", "naive")
        .containsEntry("auxWeight", 0.0)
        .containsEntry("labelSmoothing", 0.0)
        .containsEntry("dataset", "fashion-mnist")
        .containsEntry("seed", 7L)
        .containsEntry("epochs", 3)
        .containsEntry("stem", "small");
    assertThat(trials.get(1)).containsEntry("labelSmoothing", 0.1).containsEntry("auxWeight", 0.0);
    assertThat(trials.get(15))
        .containsEntry("model", "googlenet-tv")
        .containsEntry("block", "reduced");
    assertThat(trials.stream().distinct()).hasSize(16);
    assertThat(spec.earlyStopping().type()).isEqualTo("asha");
    assertThat(spec.maxConcurrent()).isEqualTo(2);
  }

  @Test
  @DisplayName("the same sweep in JSON is read the same way")
  void json() {
    SweepSpec spec =
        SweepParser.parse(
            "{\"name\":\"j\",\"method\":\"grid\",\"parameters\":{\"model\":[\"googlenet\"],\"lr\":[0.1,0.01]}}");
    assertThat(SweepExpander.expand(spec)).extracting(m -> m.get("lr")).containsExactly(0.1, 0.01);
  }

  @Test
  @DisplayName(
      "random search is seeded: same seed same trials, log ranges stay inside their bounds")
  void randomSeeded() {
    String text =
        """
        method: random
        maxTrials: 20
        seed: 3
        parameters:
          model: [googlenet, googlenet-tv]
          lr: {min: 0.001, max: 0.1, scale: log}
          batchSize: {min: 16, max: 64}
        """;
    List<Map<String, Object>> a = SweepExpander.expand(SweepParser.parse(text));
    List<Map<String, Object>> b = SweepExpander.expand(SweepParser.parse(text));
    List<Map<String, Object>> c =
        SweepExpander.expand(SweepParser.parse(text.replace("seed: 3", "seed: 4")));
    assertThat(a).hasSize(20).isEqualTo(b).isNotEqualTo(c);
    for (Map<String, Object> t : a) {
      assertThat((double) t.get("lr")).isBetween(0.001, 0.1);
      assertThat((int) t.get("batchSize")).isBetween(16, 64);
    }
    assertThat(a.stream().map(t -> t.get("model")).distinct()).hasSize(2);
  }

  @Test
  @DisplayName("every problem of the file is reported at once, each with its path")
  void everyProblemWithPath() {
    List<Problem> p =
        problems(
            """
            name: bad
            method: grid
            colour: blue
            parameters:
              model: [googlenet, googlenet-tv, inception-v5]
              lr: [0.1, -0.01]
              epochs: two
              batchSize: 12.5
              nesterov: 1
              depth: 3
            earlyStopping: {type: hyperband}
            """);
    assertThat(p.stream().map(Problem::toString))
        .anyMatch(
            s ->
                s.startsWith(
                    "parameters.model[2]: unknown model 'inception-v5'; known: naive-block"))
        .anyMatch(s -> s.startsWith("parameters.lr[1]: lr must be in (0, 1000], got -0.01"))
        .anyMatch(s -> s.startsWith("parameters.epochs: expected an integer, got a string 'two'"))
        .anyMatch(s -> s.startsWith("parameters.batchSize: expected an integer"))
        .anyMatch(s -> s.startsWith("parameters.nesterov: expected a boolean"))
        .anyMatch(s -> s.startsWith("parameters.depth: unknown parameter; known:"))
        .anyMatch(s -> s.startsWith("colour: unknown field"))
        .anyMatch(s -> s.startsWith("earlyStopping.type: unknown type 'hyperband'"));
    assertThat(p).hasSize(8);
  }

  @Test
  @DisplayName("a grid larger than maxTrials is refused with the grid's size")
  void gridCap() {
    List<Problem> p =
        problems(
            """
            maxTrials: 10
            parameters:
              model: [googlenet, googlenet-tv, googlenet-tv]
              lr: [0.1, 0.01, 0.001, 0.0001]
            """);
    assertThat(p)
        .singleElement()
        .hasToString(
            "maxTrials: the grid has 12 trials, more than maxTrials 10; narrow the grid or raise maxTrials");
    String huge =
        "parameters:\n  model: googlenet\n  lr: ["
            + "0.1,".repeat(999)
            + "0.2]\n  width: ["
            + "0.5,".repeat(999)
            + "1]\n  epochs: ["
            + "1,".repeat(999)
            + "2]\n";
    assertThat(problems(huge))
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains("1000000000 trials");
  }

  @Test
  @DisplayName("malformed JSON and YAML, empty files and non-mappings get a one-line reason")
  void malformed() {
    assertThat(problems("{\"name\": \"x\","))
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .startsWith("malformed JSON");
    assertThat(problems("name: [x\nparameters: {"))
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .startsWith("malformed YAML at line");
    assertThat(problems("name: a\nname: b\nparameters: {model: googlenet}"))
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains("duplicate key");
    assertThat(problems("   ")).singleElement().hasToString("empty sweep file");
    assertThat(problems("- a\n- b\n"))
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains("not a list");
    assertThat(problems("name: x"))
        .singleElement()
        .hasToString("parameters: required: the parameters of the trials (at least model)");
  }

  @Test
  @DisplayName(
      "ranges belong to random and TPE search; worker-owned and doubled parameters are refused")
  void rangesAndOwnership() {
    assertThat(problems("parameters:\n  model: googlenet\n  lr: {min: 0.001, max: 0.1}\n"))
        .singleElement()
        .hasToString(
            "parameters.lr: a {min, max} range needs method: random or tpe; a grid takes a list of values");
    assertThat(
            problems(
                "method: random\nmaxTrials: 2\nparameters:\n  model: googlenet\n  lr: {min: 0.1, max: 0.01, step: 2}\n"))
        .extracting(Problem::toString)
        .containsExactly("parameters.lr.step: unknown field; known: min, max, scale");
    assertThat(problems("method: random\nparameters:\n  model: googlenet\n  device: cpu\n"))
        .extracting(Problem::toString)
        .containsExactly(
            "maxTrials: required for random search: how many trials to sample",
            "parameters.device: set by the worker for its device slot, not by a sweep");
    assertThat(
            problems("dataset: cifar10\nparameters:\n  model: googlenet\n  dataset: [cifar10]\n"))
        .singleElement()
        .hasToString("parameters.dataset: dataset is given twice (top level and parameters)");
    assertThat(problems("dataset: mnist\nparameters: {model: googlenet}"))
        .singleElement()
        .extracting(Problem::toString)
        .asString()
        .startsWith("dataset: unknown dataset 'mnist'");
  }

  @Test
  @DisplayName("YAML's 1e-3 (a string to YAML 1.1) is taken as the number it means")
  void exponentNumbers() {
    SweepSpec spec = SweepParser.parse("parameters:\n  model: googlenet\n  lr: 1e-3\n");
    assertThat(SweepExpander.expand(spec).get(0)).containsEntry("lr", 0.001);
  }

  @Test
  @DisplayName(
      "combinations the zoo cannot build are named: tiny images under the ImageNet stem, lone blocks")
  void impossibleCombinations() {
    List<Problem> p =
        problems(
            "dataset: fashion-mnist\nparameters:\n  model: [googlenet, naive-block]\n  stem: [imagenet, small]\n  width: 0.25\n");
    assertThat(p)
        .extracting(Problem::message)
        .anyMatch(
            m ->
                m.startsWith(
                    "model googlenet with block reduced, stem imagenet, width 0.25 on fashion-mnist: its 28×28 images are too small (the smallest input is"))
        .anyMatch(m -> m.contains("naive-block") && m.contains("a single block has no classifier"))
        .noneMatch(m -> m.contains("googlenet with block reduced, stem small"));
  }

  @Test
  @DisplayName(
      "a sweep names its model, an early-stopping metric from the catalog, typed top-level fields")
  void contractGaps() {
    assertThat(problems("parameters: {}"))
        .extracting(Problem::path)
        .containsExactly("parameters.model");
    assertThat(
            problems(
                "parameters: {model: googlenet}\nearlyStopping: {type: asha, metric: val_acc}"))
        .singleElement()
        .hasToString(
            "earlyStopping.metric: unknown epoch metric 'val_acc'; early stopping compares one of:"
                + " val_loss, val_accuracy, val_top5");
    assertThat(problems("{\"maxTrials\": \"10\", \"parameters\": {\"model\": \"googlenet\"}}"))
        .extracting(Problem::path)
        .containsExactly("maxTrials");
    assertThat(problems("{\"name\": null, \"parameters\": {\"model\": \"googlenet\"}}"))
        .extracting(Problem::path)
        .containsExactly("name");
    assertThat(problems("parameters: {model: googlenet, imageSize: 2147483647}"))
        .singleElement()
        .hasToString("parameters.imageSize: imageSize must be between 0 and 1024, got 2147483647");
    // the default direction of a loss metric is min (from the catalog, not the name's ending)
    SweepSpec spec =
        SweepParser.parse(
            "parameters: {model: googlenet}\nearlyStopping: {type: median, metric: val_loss}");
    assertThat(spec.earlyStopping().mode()).isEqualTo("min");
  }
}
