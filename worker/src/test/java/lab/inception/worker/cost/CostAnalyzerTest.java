package lab.inception.worker.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import lab.inception.worker.model.ModelZoo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cost analysis against numbers computed by hand or published by the reference implementations. */
class CostAnalyzerTest {

  private static CostReport ref(String model) {
    return CostAnalyzer.analyze(ModelZoo.reference(model));
  }

  private static List<Double> branchShares(CostReport r) {
    return r.blocks().get(0).children().stream().map(b -> (double) b.macs() / r.macs()).toList();
  }

  @Test
  @DisplayName("the naive block costs 854,196,224 MACs on 256×28×28 (3.0% / 40.6% / 56.4%)")
  void naiveBlock() {
    CostReport r = ref("naive-block");
    // 1x1: 256·128·784; 3x3: 9·256·192·784; 5x5: 25·256·96·784
    assertThat(r.macs())
        .isEqualTo(25_690_112L + 346_816_512L + 481_689_600L)
        .isEqualTo(854_196_224L);
    assertThat(r.outputShape()).containsExactly(672, 28, 28);
    List<Double> s = branchShares(r);
    assertThat(s.get(0)).isCloseTo(0.030, within(0.0005));
    assertThat(s.get(1)).isCloseTo(0.406, within(0.0005));
    assertThat(s.get(2)).isCloseTo(0.564, within(0.0005));
    assertThat(s.get(3)).isZero();
    // weights + biases: 256·128+128 + 9·256·192+192 + 25·256·96+96
    assertThat(r.params()).isEqualTo(32_896L + 442_560L + 614_496L);
  }

  @Test
  @DisplayName("the block with 1×1 reductions costs 271,351,808 MACs (9.5% / 36.7% / 49.1% / 4.7%)")
  void reducedBlock() {
    CostReport r = ref("reduced-block");
    assertThat(r.macs()).isEqualTo(271_351_808L);
    assertThat(r.outputShape()).containsExactly(480, 28, 28);
    List<Double> s = branchShares(r);
    assertThat(s.get(0)).isCloseTo(0.095, within(0.0005));
    assertThat(s.get(1)).isCloseTo(0.367, within(0.0005));
    assertThat(s.get(2)).isCloseTo(0.491, within(0.0005));
    assertThat(s.get(3)).isCloseTo(0.047, within(0.0005));
  }

  @Test
  @DisplayName("the v2 block (two 3×3 instead of 5×5, BN) costs 259,309,568 MACs")
  void v2Block() {
    CostReport r = ref("v2-block");
    assertThat(r.macs()).isEqualTo(259_309_568L);
    assertThat(r.outputShape()).containsExactly(480, 28, 28);
    // BN adds gamma and beta per channel and no bias: 1x1 256·128 + 2·128, ...
    long convs =
        256 * 128 + 256 * 64 + 9 * 64 * 192 + 256 * 64 + 9 * 64 * 96 + 9 * 96 * 96 + 256 * 64;
    long bn = 2L * (128 + 64 + 192 + 64 + 96 + 96 + 64);
    assertThat(r.params()).isEqualTo(convs + bn);
  }

  @Test
  @DisplayName(
      "googlenet-tv equals torchvision: 6,624,904 params, 13,004,888 with aux, 1,498,376,192 MACs")
  void googlenetTorchvision() {
    CostReport r = ref("googlenet-tv");
    assertThat(r.params()).isEqualTo(6_624_904L);
    assertThat(r.macs()).isEqualTo(1_498_376_192L);
    assertThat(r.outputShape()).containsExactly(1000);
    CostReport withAux = CostAnalyzer.analyze(ModelZoo.reference("googlenet-tv").withAux(true));
    assertThat(withAux.params()).isEqualTo(13_004_888L);
    assertThat(withAux.macs()).isEqualTo(1_498_376_192L);
    assertThat(withAux.auxParams()).isEqualTo(13_004_888L - 6_624_904L);
    // tools/reference_counts.jsonl (torchvision 0.26, forward hooks)
    assertThat(withAux.auxMacs()).isEqualTo(8_372_224L);
  }

  @Test
  @DisplayName(
      "the paper's inception (3a) has 163,696 params and 128,049,152 MACs (Table 1: 159K, 128M)")
  void googlenetPaperModule3a() {
    CostReport r = ref("googlenet");
    LayerNode m3a =
        r.blocks().stream().filter(b -> b.name().equals("inception3a")).findFirst().orElseThrow();
    assertThat(m3a.outputShape()).containsExactly(256, 28, 28);
    assertThat(m3a.params()).isEqualTo(12_352L + 129_248L + 15_920L + 6_176L);
    assertThat(m3a.macs()).isEqualTo(784L * 163_328L);
    assertThat(r.blocks().stream().mapToLong(LayerNode::macs).sum()).isEqualTo(r.macs());
  }

  @Test
  @DisplayName(
      "a naive GoogLeNet passes the pool branch through: inception3a outputs 64+128+32+192 channels")
  void naiveGoogLeNet() {
    ModelConfig c =
        new ModelConfig("googlenet", 3, 224, 224, 1000, false, 1.0, Stem.IMAGENET, BlockKind.NAIVE);
    CostReport r = CostAnalyzer.analyze(c);
    LayerNode m3a =
        r.blocks().stream().filter(b -> b.name().equals("inception3a")).findFirst().orElseThrow();
    assertThat(m3a.outputShape()).containsExactly(416, 28, 28);
    assertThat(r.macs()).isGreaterThan(ref("googlenet").macs());
  }

  @Test
  @DisplayName("an input too small for the stem is refused, naming the smallest valid input")
  void tooSmall() {
    ModelConfig c = ModelZoo.reference("googlenet-tv").withInput(3, 8, 8);
    int min = ModelZoo.smallestInput(c);
    assertThat(min).isGreaterThan(8);
    assertThatThrownBy(() -> CostAnalyzer.analyze(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small for googlenet-tv")
        .hasMessageContaining("smallest valid input is 3×" + min + "×" + min);
    assertThat(CostAnalyzer.fits(c.withInput(3, min, min))).isTrue();
    assertThat(CostAnalyzer.fits(c.withInput(3, min - 1, min - 1))).isFalse();
  }

  @Test
  @DisplayName("the width multiplier scales every layer; width ≤ 0 and unknown models are refused")
  void widthAndErrors() {
    ModelConfig half = ModelZoo.reference("naive-block");
    half =
        new ModelConfig(
            "naive-block", 256, 28, 28, 0, false, 0.5, Stem.IMAGENET, BlockKind.REDUCED);
    assertThat(CostAnalyzer.analyze(half).outputShape())
        .containsExactly(64 + 96 + 48 + 256, 28, 28);
    ModelConfig zero =
        new ModelConfig("googlenet", 3, 224, 224, 10, false, 0, Stem.IMAGENET, BlockKind.REDUCED);
    assertThatThrownBy(() -> CostAnalyzer.analyze(zero)).hasMessageContaining("width must be > 0");
    ModelConfig unknown =
        new ModelConfig(
            "inception-v5", 3, 224, 224, 10, false, 1, Stem.IMAGENET, BlockKind.REDUCED);
    assertThatThrownBy(() -> CostAnalyzer.analyze(unknown))
        .hasMessageContaining("unknown model 'inception-v5'; known: naive-block");
  }
}
