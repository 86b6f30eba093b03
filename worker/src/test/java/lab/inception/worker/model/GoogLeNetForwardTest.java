package lab.inception.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import lab.inception.worker.model.ModelConfig.BlockKind;
import lab.inception.worker.model.ModelConfig.Stem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoogLeNetForwardTest {

  @ParameterizedTest(name = "{0} block={1}")
  @CsvSource({
    "googlenet, REDUCED",
    "googlenet, NAIVE",
    "googlenet-tv, REDUCED",
    "googlenet, NAIVE_PROJECTED",
    "googlenet-tv, NAIVE_PROJECTED"
  })
  @DisplayName("aux heads answer in training only: (main, aux1, aux2) vs (main)")
  void auxOnlyInTraining(String model, BlockKind kind) {
    ModelConfig cfg = new ModelConfig(model, 1, 28, 28, 10, true, 0.125, Stem.SMALL, kind);
    Block net = ModelZoo.build(cfg);
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
      ParameterStore ps = new ParameterStore(m, false);
      NDList x = new NDList(m.randomNormal(new Shape(2, 1, 28, 28)));
      NDList train = net.forward(ps, x, true);
      assertThat(train).hasSize(3);
      for (var a : train) {
        assertThat(a.getShape()).isEqualTo(new Shape(2, 10));
      }
      NDList infer = net.forward(ps, x, false);
      assertThat(infer).hasSize(1);
      assertThat(infer.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 10));
      assertThat(infer.singletonOrThrow().isNaN().any().getBoolean()).isFalse();
    }
  }
}
