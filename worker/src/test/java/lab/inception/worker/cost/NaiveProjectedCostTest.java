package lab.inception.worker.cost;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import lab.inception.worker.model.ModelZoo;
import lab.inception.worker.train.TrialParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code block: naive-projected}: Figure 2(a)'s convolutions on the module's input with 2(b)'s pool
 * projection. Costs are computed by hand from Table 1's widths (paper's googlenet: conv with bias,
 * so a k×k conv from C_in to C_out has k·k·C_in·C_out + C_out params and k·k·C_in·C_out·H·W MACs).
 */
class NaiveProjectedCostTest {

  private static ModelConfig googlenet(String model, double width, BlockKind kind) {
    return new ModelConfig(model, 3, 224, 224, 1000, false, width, Stem.IMAGENET, kind);
  }

  private static LayerNode module(CostReport r, String name) {
    return r.blocks().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName(
      "the label is naive-projected and parses with its hyphen; sweeps offer it as a block")
  void label() {
    assertThat(BlockKind.NAIVE_PROJECTED.label()).isEqualTo("naive-projected");
    assertThat(BlockKind.parse("naive-projected")).isEqualTo(BlockKind.NAIVE_PROJECTED);
    assertThat(BlockKind.parse(" Naive-Projected ")).isEqualTo(BlockKind.NAIVE_PROJECTED);
    assertThat(BlockKind.labels()).containsExactly("reduced", "naive", "naive-projected");
    assertThat(TrialParameter.BLOCK.choices()).isEqualTo(BlockKind.labels());
    assertThat(TrialParameter.BLOCK.whyNot("naive-projected")).isNull();
  }

  @Test
  @DisplayName(
      "inception (3a) at width 1 on 192×28×28: 393,472 params and 308,281,344 MACs, 256 channels out")
  void module3aWidth1() {
    LayerNode m =
        module(
            CostAnalyzer.analyze(googlenet("googlenet", 1.0, BlockKind.NAIVE_PROJECTED)),
            "inception3a");
    // Table 1, inception (3a): #1×1 64, #3×3 128, #5×5 32, pool proj 32; input 192 channels, 28×28
    long hw = 28 * 28;
    long c1 = 192 * 64; // 12,288 weights
    long c3 = 9 * 192 * 128; // 221,184
    long c5 = 25 * 192 * 32; // 153,600
    long proj = 192 * 32; // 6,144 (the pool keeps 192 channels)
    assertThat(m.params()).isEqualTo(c1 + 64 + c3 + 128 + c5 + 32 + proj + 32).isEqualTo(393_472L);
    assertThat(m.macs()).isEqualTo((c1 + c3 + c5 + proj) * hw).isEqualTo(308_281_344L);
    assertThat(m.outputShape()).containsExactly(64 + 128 + 32 + 32, 28, 28);
    assertThat(m.children().stream().map(LayerNode::macs))
        .containsExactly(c1 * hw, c3 * hw, c5 * hw, proj * hw);
  }

  @Test
  @DisplayName(
      "inception (4a) on 480×14×14 at width 1 (1,597,952 params, 313,098,240 MACs) and on 120×14×14"
          + " at width 0.25 (99,968 params, 19,568,640 MACs)")
  void module4a() {
    LayerNode full =
        module(
            CostAnalyzer.analyze(googlenet("googlenet", 1.0, BlockKind.NAIVE_PROJECTED)),
            "inception4a");
    // Table 1, inception (4a): #1×1 192, #3×3 208, #5×5 48, pool proj 64; (3b) outputs
    // 128 + 192 + 96 + 64 = 480 channels, the max-pool halves 28×28 to 14×14
    long hw = 14 * 14;
    long w1 = 480 * 192 + 9 * 480 * 208 + 25 * 480 * 48 + 480 * 64;
    assertThat(full.params()).isEqualTo(w1 + 192 + 208 + 48 + 64).isEqualTo(1_597_952L);
    assertThat(full.macs()).isEqualTo(w1 * hw).isEqualTo(313_098_240L);
    assertThat(full.outputShape()).containsExactly(512, 14, 14);

    LayerNode quarter =
        module(
            CostAnalyzer.analyze(googlenet("googlenet", 0.25, BlockKind.NAIVE_PROJECTED)),
            "inception4a");
    // width 0.25: (3b) outputs 32 + 48 + 24 + 16 = 120 channels; (4a) 48, 52, 12, 16
    long wq = 120 * 48 + 9 * 120 * 52 + 25 * 120 * 12 + 120 * 16;
    assertThat(quarter.params()).isEqualTo(wq + 48 + 52 + 12 + 16).isEqualTo(99_968L);
    assertThat(quarter.macs()).isEqualTo(wq * hw).isEqualTo(19_568_640L);
    assertThat(quarter.outputShape()).containsExactly(48 + 52 + 12 + 16, 14, 14);
  }

  @Test
  @DisplayName(
      "the naive-projected-block on 256×28×28: 1,106,400 params and 867,041,280 MACs, 480 channels")
  void singleBlock() {
    CostReport r = CostAnalyzer.analyze(ModelZoo.reference("naive-projected-block"));
    // the notebook's widths: 1×1 128, 3×3 192, 5×5 96, pool proj 64, on 256 channels at 28×28
    long w = 256 * 128 + 9 * 256 * 192 + 25 * 256 * 96 + 256 * 64;
    assertThat(r.params()).isEqualTo(w + 128 + 192 + 96 + 64).isEqualTo(1_106_400L);
    assertThat(r.macs()).isEqualTo(w * 28 * 28).isEqualTo(867_041_280L);
    assertThat(r.outputShape())
        .containsExactly(CostAnalyzer.analyze(ModelZoo.reference("reduced-block")).outputShape());
  }

  @ParameterizedTest(name = "{0} width {1} stem {2}")
  @CsvSource({
    "googlenet, 1.0, IMAGENET, 224",
    "googlenet, 0.25, SMALL, 28",
    "googlenet-tv, 1.0, IMAGENET, 224",
    "googlenet-tv, 0.25, SMALL, 28"
  })
  @DisplayName(
      "every module boundary has the reduced network's shape; only the 1×1 reductions' cost differs")
  void shapesEqualReduced(String model, double width, Stem stem, int size) {
    ModelConfig reduced =
        new ModelConfig(model, 3, size, size, 10, false, width, stem, BlockKind.REDUCED);
    CostReport r = CostAnalyzer.analyze(reduced);
    CostReport p =
        CostAnalyzer.analyze(
            new ModelConfig(
                model, 3, size, size, 10, false, width, stem, BlockKind.NAIVE_PROJECTED));
    assertThat(p.blocks()).hasSameSizeAs(r.blocks());
    for (int i = 0; i < r.blocks().size(); i++) {
      LayerNode a = r.blocks().get(i);
      LayerNode b = p.blocks().get(i);
      assertThat(b.name()).isEqualTo(a.name());
      assertThat(b.outputShape()).as(a.name()).containsExactly(a.outputShape());
      if (a.isBranching()) {
        // the 1×1 and pool branches are the same layers; 3×3 and 5×5 lose their reductions
        assertThat(b.children().get(0).params()).isEqualTo(a.children().get(0).params());
        assertThat(b.children().get(3).params()).isEqualTo(a.children().get(3).params());
      }
    }
    assertThat(p.outputShape()).containsExactly(10);
    // and the naive network differs: its pool branch passes channels through
    CostReport naive =
        CostAnalyzer.analyze(
            new ModelConfig(model, 3, size, size, 10, false, width, stem, BlockKind.NAIVE));
    assertThat(module(naive, "inception3b").outputShape()[0])
        .isGreaterThan(module(r, "inception3b").outputShape()[0]);
  }

  @Test
  @DisplayName("the GoogLeNet family takes it; other networks refuse it, naming the family")
  void onlyGoogLeNet() {
    ModelConfig bn =
        new ModelConfig(
            "bn-inception", 3, 224, 224, 10, false, 1, Stem.IMAGENET, BlockKind.NAIVE_PROJECTED);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelZoo.validate(bn))
        .hasMessageContaining("block 'naive-projected' applies only to the GoogLeNet family")
        .hasMessageContaining("googlenet, googlenet-tv");
  }

  @Test
  @DisplayName(
      "a forward pass of the naive-projected-block at width 0.25 gives 32 + 48 + 24 + 16 channels")
  void singleBlockForward() {
    ModelConfig c =
        new ModelConfig(
            "naive-projected-block", 16, 8, 8, 0, false, 0.25, Stem.IMAGENET, BlockKind.REDUCED);
    Block b = ModelZoo.build(c);
    try (NDManager m = NDManager.newBaseManager()) {
      b.initialize(m, DataType.FLOAT32, new Shape(2, 16, 8, 8));
      NDList out =
          b.forward(
              new ParameterStore(m, false),
              new NDList(m.randomNormal(new Shape(2, 16, 8, 8))),
              false);
      assertThat(out.singletonOrThrow().getShape())
          .isEqualTo(new Shape(2, 32 + 48 + 24 + 16, 8, 8));
      assertThat(out.singletonOrThrow().isNaN().any().getBoolean()).isFalse();
    }
  }
}
