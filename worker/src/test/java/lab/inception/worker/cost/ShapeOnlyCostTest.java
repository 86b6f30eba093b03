package lab.inception.worker.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelSpec;
import lab.inception.worker.model.ModelZoo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The analysis allocates no parameter arrays, counts what is trained, and never overflows. */
class ShapeOnlyCostTest {

  @Test
  @DisplayName(
      "every zoo model's parameters counted from shapes alone equal the initialised network's,"
          + " and no array is allocated")
  void shapesEqualInitialised() {
    for (String name : ModelZoo.names()) {
      ModelSpec spec = ModelZoo.spec(name);
      ModelConfig ref = spec.reference();
      ModelConfig small =
          spec.singleBlock()
              ? ref.withInput(ref.channels() / 4, 14, 14)
              : new ModelConfig(
                  name,
                  3,
                  ref.height(),
                  ref.width(),
                  10,
                  spec.hasAux(),
                  0.25,
                  ref.stem(),
                  ref.block());
      CostReport shapes = CostAnalyzer.analyze(small);
      Block block = ModelZoo.build(small);
      Shape in = new Shape(1, small.channels(), small.height(), small.width());
      CostReport walkedOnly = CostAnalyzer.analyze(small, block, in);
      for (Pair<String, Parameter> p : block.getParameters()) {
        assertThat(p.getValue().isInitialized()).as(name + " " + p.getKey()).isFalse();
      }
      try (NDManager m = NDManager.newBaseManager()) {
        Block trained = ModelZoo.build(small);
        trained.initialize(m, DataType.FLOAT32, in);
        CostReport initialised = CostAnalyzer.analyze(small, trained, in);
        assertThat(shapes.params()).as(name).isEqualTo(initialised.params()).isPositive();
        assertThat(shapes.auxParams()).as(name).isEqualTo(initialised.auxParams());
        assertThat(shapes.macs()).as(name).isEqualTo(initialised.macs());
        assertThat(walkedOnly.params()).as(name).isEqualTo(initialised.params());
      }
    }
  }

  @Test
  @DisplayName("a MAC count beyond 64 bits is an IllegalArgumentException, not a negative number")
  void overflow() {
    ModelConfig ref = ModelZoo.reference("googlenet");
    ModelConfig huge =
        new ModelConfig(
            "googlenet", 1 << 20, 1 << 21, 1 << 21, 1000, false, 1.0, ref.stem(), ref.block());
    assertThatThrownBy(() -> CostAnalyzer.analyze(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflows 64 bits");
  }

  @Test
  @DisplayName("the API's limits name what they refuse, and the zoo's references are within them")
  void limits() {
    ModelConfig g = ModelZoo.reference("googlenet");
    assertThatThrownBy(
            () ->
                CostLimits.check(
                    new ModelConfig("googlenet", 3, 224, 224, 1000, false, 8, g.stem(), g.block())))
        .hasMessage("width must be at most 4.0 (got 8.0)");
    assertThatThrownBy(() -> CostLimits.check(g.withClasses(Integer.MAX_VALUE)))
        .hasMessageContaining("classes must be at most 100000");
    assertThatThrownBy(() -> CostLimits.check(g.withInput(Integer.MAX_VALUE, 224, 224)))
        .hasMessageContaining("channels must be at most 2048");
    assertThatThrownBy(() -> CostLimits.check(g.withInput(3, 224, 4097)))
        .hasMessageContaining("at most 4096");
    for (String name : ModelZoo.names()) CostLimits.check(ModelZoo.reference(name));
  }
}
