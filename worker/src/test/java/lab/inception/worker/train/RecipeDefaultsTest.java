package lab.inception.worker.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import lab.inception.worker.model.ModelZoo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecipeDefaultsTest {

  /** The parameters of the training recipe: a family may change these, never its architecture. */
  private static final Set<TrialParameter> RECIPE =
      EnumSet.of(
          TrialParameter.OPTIMIZER,
          TrialParameter.LR,
          TrialParameter.MOMENTUM,
          TrialParameter.NESTEROV,
          TrialParameter.WEIGHT_DECAY,
          TrialParameter.GRAD_CLIP,
          TrialParameter.SCHEDULE,
          TrialParameter.WARMUP_EPOCHS,
          TrialParameter.BATCH_SIZE);

  @Test
  @DisplayName(
      "each family's defaults name zoo models once, change only recipe parameters, and are"
          + " values the table accepts in its own types")
  void familiesAreWellFormed() {
    Set<String> seen = new HashSet<>();
    for (RecipeDefaults r : RecipeDefaults.values()) {
      assertThat(r.models()).isNotEmpty();
      for (String m : r.models()) {
        assertThat(ModelZoo.names()).as(r.name()).contains(m);
        assertThat(seen.add(m)).as(m + " in two families").isTrue();
      }
      assertThat(r.defaults()).as(r.name()).isNotEmpty();
      r.defaults()
          .forEach(
              (p, v) -> {
                assertThat(RECIPE).as(r.name()).contains(p);
                assertThat(p.typed(v)).as(r.name() + " " + p.key()).isEqualTo(v);
                assertThat(p.whyNot(v)).as(r.name() + " " + p.key()).isNull();
                assertThat(v).as(r.name() + " " + p.key()).isNotEqualTo(p.defaultValue());
              });
    }
  }

  @Test
  @DisplayName(
      "a trial of a family's model takes the family's defaults, a value given wins, and every other"
          + " model takes the table's")
  void trialsTakeTheirFamilysDefaults() {
    for (RecipeDefaults r : RecipeDefaults.values()) {
      for (String m : r.models()) {
        Map<String, Object> c = TrialConfig.fromMap(Map.of("model", m)).toMap();
        r.defaults()
            .forEach((p, v) -> assertThat(c.get(p.key())).as(m + " " + p.key()).isEqualTo(v));
        for (TrialParameter p : r.defaults().keySet()) {
          Object given = p == TrialParameter.OPTIMIZER ? "rmsprop" : p.defaultValue();
          if (p.type() == TrialParameter.Type.NUMBER) given = 0.125;
          Map<String, Object> g = TrialConfig.fromMap(Map.of("model", m, p.key(), given)).toMap();
          assertThat(g.get(p.key())).as(m + " given " + p.key()).isEqualTo(given);
        }
      }
    }
    for (String m : ModelZoo.names()) {
      boolean inFamily =
          java.util.Arrays.stream(RecipeDefaults.values()).anyMatch(r -> r.models().contains(m));
      if (inFamily) continue;
      Map<String, Object> c = TrialConfig.fromMap(Map.of("model", m)).toMap();
      for (TrialParameter p : RECIPE) {
        assertThat(c.get(p.key())).as(m + " " + p.key()).isEqualTo(p.defaultValue());
      }
    }
  }

  @Test
  @DisplayName("help and docs write the table's default and then each model's own")
  void defaultsText() {
    for (TrialParameter p : TrialParameter.values()) {
      String text = p.defaultsText();
      assertThat(text).startsWith(p.defaultText());
      p.modelDefaults().forEach((m, v) -> assertThat(text).contains("; " + m + ": "));
    }
  }
}
