package lab.inception.worker.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import lab.inception.worker.model.ModelZoo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Parameters and MACs of BN-Inception, Inception-v3, Inception-v4 and Inception-ResNet-v1/v2
 * against their reference implementations (torchvision, timm, Cadene's pretrainedmodels) and
 * against modules computed by hand.
 */
class InceptionFamiliesCostTest {

  private static final Map<String, CostReport> REPORTS = new ConcurrentHashMap<>();

  /** Each reference configuration is analysed once for the whole class (they are large). */
  private static CostReport ref(String model) {
    return REPORTS.computeIfAbsent(model, m -> CostAnalyzer.analyze(ModelZoo.reference(m)));
  }

  private static LayerNode stage(CostReport r, String name) {
    return r.blocks().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  /** Conv (no bias) + BN: weights and BN's gamma and beta. */
  private static long bn(long in, long out, long kh, long kw) {
    return kh * kw * in * out + 2 * out;
  }

  /** Conv + BN per output pixel: its MACs divided by H_out·W_out. */
  private static long mac(long in, long out, long kh, long kw) {
    return kh * kw * in * out;
  }

  @Test
  @DisplayName(
      "inception-v3 equals torchvision: 23,834,568 params, 27,161,264 with aux, 5,713,216,096 MACs")
  void inceptionV3() {
    CostReport r = ref("inception-v3");
    assertThat(r.params()).isEqualTo(23_834_568L);
    assertThat(r.macs()).isEqualTo(5_713_216_096L);
    assertThat(r.outputShape()).containsExactly(1000);
    assertThat(stage(r, "Mixed_5b").outputShape()).containsExactly(256, 35, 35);
    assertThat(stage(r, "Mixed_6e").outputShape()).containsExactly(768, 17, 17);
    assertThat(stage(r, "Mixed_7c").outputShape()).containsExactly(2048, 8, 8);

    CostReport aux = CostAnalyzer.analyze(ModelZoo.reference("inception-v3").withAux(true));
    assertThat(aux.params()).isEqualTo(27_161_264L);
    assertThat(aux.macs()).isEqualTo(5_713_216_096L);
    // InceptionAux on 17×17×768: 5×5/3 pool → 5×5; 1×1 768→128 (+BN); 5×5 128→768 (+BN); fc
    // 768→1000
    assertThat(aux.auxParams())
        .isEqualTo(bn(768, 128, 1, 1) + bn(128, 768, 5, 5) + 768 * 1000 + 1000)
        .isEqualTo(3_326_696L);
    assertThat(aux.auxMacs())
        .isEqualTo(25 * mac(768, 128, 1, 1) + mac(128, 768, 5, 5) + 768 * 1000)
        .isEqualTo(5_683_200L);
  }

  @Test
  @DisplayName(
      "inception-v3's Mixed_5b (Figure 5 module on 35×35×192) has 255,904 params and 312,345,600 MACs")
  void inceptionV3Mixed5b() {
    LayerNode m = stage(ref("inception-v3"), "Mixed_5b");
    long params =
        bn(192, 64, 1, 1)
            + bn(192, 48, 1, 1)
            + bn(48, 64, 5, 5)
            + bn(192, 64, 1, 1)
            + bn(64, 96, 3, 3)
            + bn(96, 96, 3, 3)
            + bn(192, 32, 1, 1);
    long perPixel =
        mac(192, 64, 1, 1)
            + mac(192, 48, 1, 1)
            + mac(48, 64, 5, 5)
            + mac(192, 64, 1, 1)
            + mac(64, 96, 3, 3)
            + mac(96, 96, 3, 3)
            + mac(192, 32, 1, 1);
    assertThat(m.params()).isEqualTo(params).isEqualTo(255_904L);
    assertThat(m.macs()).isEqualTo(35 * 35 * perPixel).isEqualTo(312_345_600L);
    assertThat(m.children())
        .extracting(LayerNode::name)
        .containsExactly("1x1", "5x5", "3x3dbl", "pool");
  }

  @Test
  @DisplayName("bn-inception equals Cadene's bninception: 11,295,240 params, 2,032,600,064 MACs")
  void bnInception() {
    CostReport r = ref("bn-inception");
    assertThat(r.params()).isEqualTo(11_295_240L);
    assertThat(r.macs()).isEqualTo(2_032_600_064L);
    assertThat(stage(r, "inception_3c").outputShape()).containsExactly(576, 14, 14);
    assertThat(stage(r, "inception_4e").outputShape()).containsExactly(1056, 7, 7);
    assertThat(stage(r, "inception_5b").outputShape()).containsExactly(1024, 7, 7);
  }

  @Test
  @DisplayName(
      "bn-inception's (3a) on 28×28×192, with conv bias and BN, has 219,552 params and 170,999,808 MACs")
  void bnInception3a() {
    LayerNode m = stage(ref("bn-inception"), "inception_3a");
    long bias = 64 + 64 + 64 + 64 + 96 + 96 + 32; // the reference's convolutions keep their bias
    long params =
        bn(192, 64, 1, 1)
            + bn(192, 64, 1, 1)
            + bn(64, 64, 3, 3)
            + bn(192, 64, 1, 1)
            + bn(64, 96, 3, 3)
            + bn(96, 96, 3, 3)
            + bn(192, 32, 1, 1)
            + bias;
    long perPixel =
        mac(192, 64, 1, 1)
            + mac(192, 64, 1, 1)
            + mac(64, 64, 3, 3)
            + mac(192, 64, 1, 1)
            + mac(64, 96, 3, 3)
            + mac(96, 96, 3, 3)
            + mac(192, 32, 1, 1);
    assertThat(m.outputShape()).containsExactly(256, 28, 28);
    assertThat(m.params()).isEqualTo(params).isEqualTo(219_552L);
    assertThat(m.macs()).isEqualTo(28 * 28 * perPixel).isEqualTo(170_999_808L);
  }

  @Test
  @DisplayName(
      "inception-v4 equals timm: 42,679,816 params, 12,253,974,624 MACs; Inception-A by hand")
  void inceptionV4() {
    CostReport r = ref("inception-v4");
    assertThat(r.params()).isEqualTo(42_679_816L);
    assertThat(r.macs()).isEqualTo(12_253_974_624L);
    assertThat(stage(r, "mixed_5a").outputShape()).containsExactly(384, 35, 35);
    assertThat(stage(r, "reduction_a").outputShape()).containsExactly(1024, 17, 17);
    assertThat(stage(r, "inception_c3").outputShape()).containsExactly(1536, 8, 8);

    LayerNode a = stage(r, "inception_a1");
    long params =
        bn(384, 96, 1, 1)
            + bn(384, 64, 1, 1)
            + bn(64, 96, 3, 3)
            + bn(384, 64, 1, 1)
            + bn(64, 96, 3, 3)
            + bn(96, 96, 3, 3)
            + bn(384, 96, 1, 1);
    long perPixel =
        mac(384, 96, 1, 1)
            + mac(384, 64, 1, 1)
            + mac(64, 96, 3, 3)
            + mac(384, 64, 1, 1)
            + mac(64, 96, 3, 3)
            + mac(96, 96, 3, 3)
            + mac(384, 96, 1, 1);
    assertThat(a.params()).isEqualTo(params).isEqualTo(317_632L);
    assertThat(a.macs()).isEqualTo(35 * 35 * perPixel).isEqualTo(387_609_600L);
  }

  @Test
  @DisplayName(
      "inception-resnet-v2 equals timm: 55,843,464 params, 13,155,794,016 MACs; Block35 by hand")
  void inceptionResNetV2() {
    CostReport r = ref("inception-resnet-v2");
    assertThat(r.params()).isEqualTo(55_843_464L);
    assertThat(r.macs()).isEqualTo(13_155_794_016L);
    assertThat(stage(r, "mixed_5b").outputShape()).containsExactly(320, 35, 35);
    assertThat(stage(r, "block17_20").outputShape()).containsExactly(1088, 17, 17);
    assertThat(stage(r, "block8_10").outputShape()).containsExactly(2080, 8, 8);
    assertThat(stage(r, "conv2d_7b").outputShape()).containsExactly(1536, 8, 8);

    LayerNode b = stage(r, "block35_1");
    long params =
        bn(320, 32, 1, 1)
            + bn(320, 32, 1, 1)
            + bn(32, 32, 3, 3)
            + bn(320, 32, 1, 1)
            + bn(32, 48, 3, 3)
            + bn(48, 64, 3, 3)
            + 128 * 320
            + 320; // the linear 1×1 projection keeps its bias, no BN
    long perPixel =
        mac(320, 32, 1, 1)
            + mac(320, 32, 1, 1)
            + mac(32, 32, 3, 3)
            + mac(320, 32, 1, 1)
            + mac(32, 48, 3, 3)
            + mac(48, 64, 3, 3)
            + mac(128, 320, 1, 1);
    assertThat(b.kind()).isEqualTo("parallel");
    assertThat(b.children()).extracting(LayerNode::name).containsExactly("body", "identity");
    assertThat(b.params()).isEqualTo(params).isEqualTo(123_168L);
    assertThat(b.macs()).isEqualTo(35 * 35 * perPixel).isEqualTo(149_900_800L);
  }

  @Test
  @DisplayName(
      "inception-resnet-v1, built from the paper's figures, has 22,756,328 params and 6,206,361,696 MACs")
  void inceptionResNetV1() {
    // Figure 14 stem on 299×299×3: 149, 147, 147, 73 (pool), 73, 71, 35
    long stemP =
        bn(3, 32, 3, 3)
            + bn(32, 32, 3, 3)
            + bn(32, 64, 3, 3)
            + bn(64, 80, 1, 1)
            + bn(80, 192, 3, 3)
            + bn(192, 256, 3, 3);
    long stemM =
        149L * 149 * mac(3, 32, 3, 3)
            + 147L * 147 * (mac(32, 32, 3, 3) + mac(32, 64, 3, 3))
            + 73L * 73 * mac(64, 80, 1, 1)
            + 71L * 71 * mac(80, 192, 3, 3)
            + 35L * 35 * mac(192, 256, 3, 3);
    // Figure 10, Inception-ResNet-A on 35×35×256 (×5)
    long aP = 3 * bn(256, 32, 1, 1) + 3 * bn(32, 32, 3, 3) + 96 * 256 + 256;
    long aM = 35L * 35 * (3 * mac(256, 32, 1, 1) + 3 * mac(32, 32, 3, 3) + mac(96, 256, 1, 1));
    // Figure 7, Reduction-A (k, l, m, n = 192, 192, 256, 384): 35 → 17, 896 channels
    long raP = bn(256, 384, 3, 3) + bn(256, 192, 1, 1) + bn(192, 192, 3, 3) + bn(192, 256, 3, 3);
    long raM =
        17L * 17 * (mac(256, 384, 3, 3) + mac(192, 256, 3, 3))
            + 35L * 35 * (mac(256, 192, 1, 1) + mac(192, 192, 3, 3));
    // Figure 11, Inception-ResNet-B on 17×17×896 (×10)
    long bP = 2 * bn(896, 128, 1, 1) + bn(128, 128, 1, 7) + bn(128, 128, 7, 1) + 256 * 896 + 896;
    long bM = 17L * 17 * (2 * mac(896, 128, 1, 1) + 2 * mac(128, 128, 1, 7) + mac(256, 896, 1, 1));
    // Figure 12, Reduction-B: 17 → 8, 896 + 384 + 256 + 256 = 1792 channels
    long rbP =
        3 * bn(896, 256, 1, 1) + bn(256, 384, 3, 3) + bn(256, 256, 3, 3) + 2 * bn(256, 256, 3, 3);
    long rbM =
        17L * 17 * (3 * mac(896, 256, 1, 1) + mac(256, 256, 3, 3))
            + 8L * 8 * (mac(256, 384, 3, 3) + 2 * mac(256, 256, 3, 3));
    // Figure 13, Inception-ResNet-C on 8×8×1792 (×5)
    long cP = 2 * bn(1792, 192, 1, 1) + bn(192, 192, 1, 3) + bn(192, 192, 3, 1) + 384 * 1792 + 1792;
    long cM = 8L * 8 * (2 * mac(1792, 192, 1, 1) + 2 * mac(192, 192, 1, 3) + mac(384, 1792, 1, 1));
    long fcP = 1792L * 1000 + 1000;
    long fcM = 1792L * 1000;

    CostReport r = ref("inception-resnet-v1");
    assertThat(r.params())
        .isEqualTo(stemP + 5 * aP + raP + 10 * bP + rbP + 5 * cP + fcP)
        .isEqualTo(22_756_328L);
    assertThat(r.macs())
        .isEqualTo(stemM + 5 * aM + raM + 10 * bM + rbM + 5 * cM + fcM)
        .isEqualTo(6_206_361_696L);
    assertThat(stage(r, "conv2d_4b").outputShape()).containsExactly(256, 35, 35);
    assertThat(stage(r, "mixed_6a").outputShape()).containsExactly(896, 17, 17);
    assertThat(stage(r, "block8_5").outputShape()).containsExactly(1792, 8, 8);
  }

  @Test
  @DisplayName(
      "a width whose rounding splits the branches unevenly still closes every residual sum")
  void residualWidthRounding() {
    // at width 0.21, Mixed_5b's branches give 20 + 13 + 20 + 13 = 66 channels, not round(320·0.21)
    // = 67
    ModelConfig c =
        new ModelConfig(
            "inception-resnet-v2", 3, 32, 32, 10, false, 0.21, Stem.SMALL, BlockKind.REDUCED);
    CostReport r = CostAnalyzer.analyze(c);
    assertThat(stage(r, "block35_10").outputShape()).containsExactly(66, 32, 32);
    assertThat(r.outputShape()).containsExactly(10);
  }

  @Test
  @DisplayName(
      "an input too small for inception-v3 is refused naming 3×75×75, torchvision's minimum")
  void tooSmallForV3() {
    ModelConfig c = ModelZoo.reference("inception-v3").withInput(3, 64, 64);
    assertThatThrownBy(() -> CostAnalyzer.analyze(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small for inception-v3")
        .hasMessageContaining("smallest valid input is 3×75×75");
    assertThat(CostAnalyzer.fits(c.withInput(3, 75, 75))).isTrue();
    assertThat(CostAnalyzer.fits(c.withInput(3, 74, 74))).isFalse();
  }

  @Test
  @DisplayName("aux heads and naive blocks are refused where the network has none")
  void refusals() {
    assertThatThrownBy(() -> CostAnalyzer.analyze(ModelZoo.reference("inception-v4").withAux(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inception-v4 has no auxiliary classifiers")
        .hasMessageContaining("inception-v3");
    ModelConfig naive =
        new ModelConfig("bn-inception", 3, 224, 224, 10, false, 1, Stem.IMAGENET, BlockKind.NAIVE);
    assertThatThrownBy(() -> CostAnalyzer.analyze(naive))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bn-inception has fixed modules");
  }
}
