package lab.inception.coordinator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImportanceTest {

  @Test
  @DisplayName(
      "fANOVA: on y = 4·x² + (opt = b ? 1 : 0) + 0·z the parameter x matters most, the category next, z nothing; shares sum to 1")
  void ranksParameters() {
    Dimension x = new Dimension.Numeric("x", -1, 1, false, false, Set.of());
    Dimension z = new Dimension.Numeric("z", 1e-3, 1, true, false, Set.of());
    Dimension opt = new Dimension.Categorical("opt", List.of("a", "b", "c"), Set.of());
    SearchSpace space = SearchSpace.of(z, opt, x);
    SplittableRandom r = new SplittableRandom(1);
    List<Observation> h = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, Object> c = space.uniform(r);
      double xv = (Double) c.get("x");
      h.add(Observation.complete(i, c, 4 * xv * xv + ("b".equals(c.get("opt")) ? 1 : 0)));
    }
    List<Importance.Entry> imp = Importance.fanova(space, h, 0);
    assertThat(imp).extracting(Importance.Entry::name).containsExactly("x", "opt", "z");
    assertThat(imp.get(0).importance()).isGreaterThan(0.5);
    assertThat(imp.get(2).importance()).isLessThan(0.05);
    assertThat(imp.stream().mapToDouble(Importance.Entry::importance).sum())
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  @DisplayName("a single tree's main effects are exact on a hand-built additive tree")
  void exactOnAdditiveTree() {
    // y = (x0 ≤ 0.5 ? 0 : 2) + (x1 ≤ 0.5 ? 0 : 1) as a depth-2 tree over [0,1]²
    RandomForest.Tree t =
        new RandomForest.Tree(
            new int[] {0, 1, -1, -1, 1, -1, -1},
            new double[] {0.5, 0.5, 0, 0, 0.5, 0, 0},
            new int[] {1, 2, -1, -1, 5, -1, -1},
            new int[] {4, 3, -1, -1, 6, -1, -1},
            new double[] {0, 0, 0, 1, 0, 2, 3});
    double[] s = Importance.mainEffects(t, new double[] {0, 0}, new double[] {1, 1});
    // Var(x0 part) = 1, Var(x1 part) = 0.25, total 1.25: shares 0.8 and 0.2
    assertThat(s[0]).isCloseTo(0.8, within(1e-12));
    assertThat(s[1]).isCloseTo(0.2, within(1e-12));
  }
}
