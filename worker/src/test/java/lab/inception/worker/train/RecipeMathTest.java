package lab.inception.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The recipe's formulas against values computed by hand. */
class RecipeMathTest {

  @Test
  @DisplayName("label-smoothed cross-entropy equals the hand-computed value (and PyTorch's)")
  void smoothedCrossEntropy() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {2, 1, 0, 0.5f, -1, 3}, new Shape(2, 3));
      NDArray labels = m.create(new int[] {0, 2});
      // Sample 1: log-softmax of (2, 1, 0) = (-0.40761, -1.40761, -2.40761); target with ε = 0.1
      // on K = 3 is (0.93333, 0.03333, 0.03333): loss = 0.93333·0.40761 + 0.03333·(1.40761 +
      // 2.40761) = 0.50761. Sample 2: log-softmax of (0.5, -1, 3) = (-2.59567, -4.09567,
      // -0.09567), label 2: 0.93333·0.09567 + 0.03333·(2.59567 + 4.09567) = 0.31234.
      // Mean = 0.40997 (PyTorch's cross_entropy(label_smoothing=0.1) gives 0.409974).
      double ce = RecipeLoss.crossEntropy(logits, labels, 0.1).getFloat();
      assertThat(ce).isCloseTo(0.409974, offset(1e-5));
      // ε = 0: plain cross-entropy, (0.40761 + 0.09567) / 2
      assertThat((double) RecipeLoss.crossEntropy(logits, labels, 0).getFloat())
          .isCloseTo(0.25164, offset(1e-5));
    }
  }

  @Test
  @DisplayName("the total loss is CE(main) + auxWeight · Σ CE(aux) with smoothing on every head")
  void auxiliaryLoss() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray main = m.create(new float[] {2, 1, 0, 0.5f, -1, 3}, new Shape(2, 3));
      NDArray aux = m.create(new float[] {0, 0, 1, 1, 0, 0}, new Shape(2, 3));
      NDArray labels = m.create(new int[] {0, 2});
      // CE_0.1(aux) by hand: sample 1 log-softmax (0,0,1) = (-1.55144, -1.55144, -0.55144),
      // label 0: 0.93333·1.55144 + 0.03333·(1.55144 + 0.55144) = 1.51811; sample 2 by symmetry
      // the same: 1.51811. Total = 0.40997 + 0.3·(1.51811 + 1.51811) = 1.32084.
      RecipeLoss.Parts p = new RecipeLoss(0.3, 0.1).evaluate(new NDList(main, aux, aux), labels);
      assertThat((double) p.main().getFloat()).isCloseTo(0.409974, offset(1e-5));
      assertThat((double) p.aux().getFloat()).isCloseTo(2 * 1.518111, offset(1e-5));
      assertThat((double) p.total().getFloat()).isCloseTo(1.320841, offset(1e-5));
      assertThat(new RecipeLoss(0.3, 0.1).evaluate(new NDList(main), labels).aux()).isNull();
    }
    assertThatThrownBy(() -> new RecipeLoss(0.3, 1.0)).hasMessageContaining("labelSmoothing");
  }

  @Test
  @DisplayName("learning-rate schedules: warm-up, cosine, step and constant")
  void schedules() {
    LrSchedule cos = LrSchedule.of("cosine", 0.1, 1, 5, 10);
    assertThat(cos.at(0)).isCloseTo(0.01, offset(1e-12));
    assertThat(cos.at(9)).isCloseTo(0.1, offset(1e-12));
    assertThat(cos.at(10)).isCloseTo(0.1, offset(1e-12));
    assertThat(cos.at(30)).isCloseTo(0.05, offset(1e-12)); // half-way through 40 steps
    assertThat(cos.at(50)).isCloseTo(0.0, offset(1e-12));
    LrSchedule step = LrSchedule.of("step:2:0.94", 0.045, 0, 10, 100);
    assertThat(step.at(199)).isCloseTo(0.045, offset(1e-12));
    assertThat(step.at(200)).isCloseTo(0.045 * 0.94, offset(1e-12));
    assertThat(step.at(450)).isCloseTo(0.045 * 0.94 * 0.94, offset(1e-12));
    LrSchedule thirds = LrSchedule.of("step", 1.0, 0, 9, 10);
    assertThat(thirds.at(29)).isEqualTo(1.0);
    assertThat(thirds.at(30)).isCloseTo(0.1, offset(1e-12));
    assertThat(thirds.at(60)).isCloseTo(0.01, offset(1e-12));
    assertThat(LrSchedule.of("constant", 0.3, 0.5, 3, 4).at(0)).isCloseTo(0.15, offset(1e-12));
    assertThat(LrSchedule.of("constant", 0.3, 0.5, 3, 4).at(11)).isEqualTo(0.3);
    assertThatThrownBy(() -> LrSchedule.of("linear", 0.1, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown schedule 'linear'");
  }

  @Test
  @DisplayName("SGD with Nesterov momentum and weight decay follows torch.optim.SGD by hand")
  void sgdNesterov() {
    try (NDManager m = NDManager.newBaseManager()) {
      RecipeOptimizer opt = new RecipeOptimizer(RecipeOptimizer.Kind.SGD, 0.9, true, 0.1, m);
      NDArray w = m.create(new float[] {1f});
      // step 1: g = 0.5 + 0.1·1 = 0.6; buf = 0.6; d = 0.6 + 0.9·0.6 = 1.14; w = 1 − 0.1·1.14 =
      // 0.886
      opt.prepareStep(0.1, 1);
      NDArray g = m.create(new float[] {0.5f});
      opt.update("w", w, g);
      assertThat((double) w.getFloat()).isCloseTo(0.886, offset(1e-6));
      // step 2: g = 0.5 + 0.0886 = 0.5886; buf = 0.54 + 0.5886 = 1.1286;
      // d = 0.5886 + 1.01574 = 1.60434; w = 0.886 − 0.160434 = 0.725566
      opt.prepareStep(0.1, 2);
      opt.update("w", w, m.create(new float[] {0.5f}));
      assertThat((double) w.getFloat()).isCloseTo(0.725566, offset(1e-6));
    }
  }

  @Test
  @DisplayName(
      "step() only reads its gradients: one shared by two parameters and an expanded one (every"
          + " rule, with and without weight decay)")
  void sharedAndExpandedGradientsAreOnlyRead() {
    for (RecipeOptimizer.Kind kind : RecipeOptimizer.Kind.values()) {
      for (double wd : new double[] {0, 0.1}) {
        try (NDManager m = NDManager.newBaseManager()) {
          RecipeOptimizer viaStep = new RecipeOptimizer(kind, 0.9, true, wd, m);
          RecipeOptimizer viaUpdate = new RecipeOptimizer(kind, 0.9, true, wd, m);
          List<Parameter> params = new ArrayList<>();
          List<NDArray> references = new ArrayList<>();
          for (String name : List.of("a", "b", "e")) {
            Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
            p.setArray(m.create(new float[] {1f, -2f, 0.5f}));
            p.getArray().setRequiresGradient(true);
            params.add(p);
            references.add(m.create(new float[] {1f, -2f, 0.5f}));
          }
          NDArray c = m.create(new float[] {0.5f, 3f, -1f});
          NDList expected = new NDList(c, c, m.ones(new Shape(3)));
          for (int step = 1; step <= 2; step++) {
            NDList grads;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              // (a + b)·c hands a and b one array c; sum(e) hands e an expanded array of ones
              NDArray loss = params.get(0).getArray().add(params.get(1).getArray()).mul(c).sum();
              grads = Gradients.of(loss.add(params.get(2).getArray().sum()), params, m);
            }
            viaStep.prepareStep(0.1, step);
            viaUpdate.prepareStep(0.1, step);
            if (step == 2) {
              viaStep.scaleGradients(0.5);
              viaUpdate.scaleGradients(0.5);
            }
            viaStep.step(params, grads);
            for (int i = 0; i < params.size(); i++) {
              viaUpdate.update(params.get(i).getName(), references.get(i), expected.get(i));
              assertThat(params.get(i).getArray().toFloatArray())
                  .as("%s, wd %s, parameter %s, step %d", kind, wd, params.get(i).getName(), step)
                  .containsExactly(references.get(i).toFloatArray(), offset(1e-6f));
            }
            assertThat(grads.get(0).toFloatArray())
                .as("a's gradient, read only")
                .containsExactly(c.toFloatArray());
          }
        }
      }
    }
  }

  @Test
  @DisplayName("step() applies the computed gradients, equals update() and leaves w.grad undefined")
  void stepConsumesGradients() {
    for (RecipeOptimizer.Kind kind : RecipeOptimizer.Kind.values()) {
      for (boolean nesterov : new boolean[] {true, false}) {
        try (NDManager m = NDManager.newBaseManager()) {
          RecipeOptimizer viaStep = new RecipeOptimizer(kind, 0.9, nesterov, 0.1, m);
          RecipeOptimizer viaUpdate = new RecipeOptimizer(kind, 0.9, nesterov, 0.1, m);
          Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
          p.setArray(m.create(new float[] {1f, -2f, 0.5f}));
          p.getArray().setRequiresGradient(true);
          NDArray reference = m.create(new float[] {1f, -2f, 0.5f});
          NDArray c = m.create(new float[] {0.5f, 3f, -1f});
          for (int step = 1; step <= 3; step++) {
            // the gradient of sum(w·c·step) is c·step
            NDList grads;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              grads = Gradients.of(p.getArray().mul(c.mul(step)).sum(), List.of(p), m);
            }
            viaStep.prepareStep(0.1, step);
            viaUpdate.prepareStep(0.1, step);
            if (step == 2) {
              viaStep.scaleGradients(0.5);
              viaUpdate.scaleGradients(0.5);
            }
            viaUpdate.update("w", reference, c.mul(step));
            viaStep.step(List.of(p), grads);
            assertThat(p.getArray().toFloatArray())
                .as("%s nesterov=%s step %d", kind, nesterov, step)
                .containsExactly(reference.toFloatArray(), offset(1e-6f));
            assertThat(JniUtils.getGradient((PtNDArray) p.getArray()))
                .as("nothing accumulated into w.grad")
                .isNull();
          }
        }
      }
    }
  }

  @Test
  @DisplayName("gradient clipping scales to the global L2 norm, before weight decay (as PyTorch)")
  void gradientClipping() {
    try (NDManager m = NDManager.newBaseManager()) {
      // ‖(3, 4, 12)‖ = 13 over two arrays
      List<NDArray> grads = List.of(m.create(new float[] {3f, 4f}), m.create(new float[] {12f}));
      assertThat(RecipeOptimizer.clipScale(grads, 6.5, m)).isCloseTo(0.5, offset(1e-6));
      assertThat(RecipeOptimizer.clipScale(grads, 13.5, m)).isEqualTo(1.0);
      // torch.nn.utils.clip_grad_norm_ then SGD(lr 0.1, weight_decay 0.1, no momentum):
      // g = 0.5·0.5 = 0.25; + 0.1·1 = 0.35; w = 1 − 0.1·0.35 = 0.965
      RecipeOptimizer opt = new RecipeOptimizer(RecipeOptimizer.Kind.SGD, 0, false, 0.1, m);
      NDArray w = m.create(new float[] {1f});
      opt.prepareStep(0.1, 1);
      opt.scaleGradients(0.5);
      opt.update("w", w, m.create(new float[] {0.5f}));
      assertThat((double) w.getFloat()).isCloseTo(0.965, offset(1e-6));
      // the next step is unclipped unless asked again: g = 0.5 + 0.0965; w = 0.965 − 0.05965
      opt.prepareStep(0.1, 2);
      opt.update("w", w, m.create(new float[] {0.5f}));
      assertThat((double) w.getFloat()).isCloseTo(0.90535, offset(1e-6));
    }
  }

  @Test
  @DisplayName("Adam's first step moves by lr; AdamW decays the weight apart; state round-trips")
  void adamAndState() {
    try (NDManager m = NDManager.newBaseManager()) {
      RecipeOptimizer adam = new RecipeOptimizer(RecipeOptimizer.Kind.ADAM, 0.9, false, 0, m);
      NDArray w = m.create(new float[] {1f, -2f});
      adam.prepareStep(0.01, 1);
      adam.update("w", w, m.create(new float[] {3f, -0.5f}));
      // bias-corrected m/√v = sign(g) on the first step: w − 0.01·sign(g)
      assertThat(w.toFloatArray()).containsExactly(new float[] {0.99f, -1.99f}, offset(1e-6f));
      RecipeOptimizer adamw = new RecipeOptimizer(RecipeOptimizer.Kind.ADAMW, 0.9, false, 0.5, m);
      NDArray v = m.create(new float[] {1f});
      adamw.prepareStep(0.1, 1);
      adamw.update("v", v, m.create(new float[] {2f}));
      // w·(1 − 0.1·0.5) − 0.1·1 = 0.95 − 0.1 = 0.85
      assertThat((double) v.getFloat()).isCloseTo(0.85, offset(1e-6));

      RecipeOptimizer copy = new RecipeOptimizer(RecipeOptimizer.Kind.ADAM, 0.9, false, 0, m);
      copy.importState(adam.exportState());
      NDArray w2 = w.duplicate();
      adam.prepareStep(0.01, 2);
      copy.prepareStep(0.01, 2);
      adam.update("w", w, m.create(new float[] {1f, 1f}));
      copy.update("w", w2, m.create(new float[] {1f, 1f}));
      assertThat(w2.toFloatArray()).containsExactly(w.toFloatArray());
      assertThatThrownBy(() -> RecipeOptimizer.Kind.parse("lamb"))
          .hasMessageContaining("unknown optimizer 'lamb'");
    }
  }
}
