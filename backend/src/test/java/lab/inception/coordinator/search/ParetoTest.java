package lab.inception.coordinator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ParetoTest {

  @Test
  @DisplayName("hypervolume matches hand-computed areas and volumes; dominated points add nothing")
  void hypervolume() {
    // staircase (1,3), (2,2), (3,1) to (4,4): 3·1 + 2·1 + 1·1 = 6
    List<double[]> pts = List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1});
    assertThat(Pareto.hypervolume(pts, new double[] {4, 4})).isCloseTo(6.0, within(1e-12));
    List<double[]> more = new java.util.ArrayList<>(pts);
    more.add(new double[] {3, 3});
    more.add(new double[] {5, 0}); // beyond the reference
    assertThat(Pareto.hypervolume(more, new double[] {4, 4})).isCloseTo(6.0, within(1e-12));
    // 3-d: two unit-offset boxes to (2,2,2): 1 + 1 − overlap... (0,0,1) and (1,1,0): 2·2·1 + 1·1·2
    // − 1·1·1 = 5
    List<double[]> p3 = List.of(new double[] {0, 0, 1}, new double[] {1, 1, 0});
    assertThat(Pareto.hypervolume(p3, new double[] {2, 2, 2})).isCloseTo(5.0, within(1e-12));
  }

  @Test
  @DisplayName("ranks: the front is 0, the next front 1; equal points do not dominate each other")
  void ranks() {
    double[][] l = {{1, 3}, {2, 2}, {2, 2}, {3, 3}, {4, 4}, {0, 5}};
    assertThat(Pareto.ranks(l, 6)).containsExactly(0, 0, 0, 1, 2, 0);
    double[][] l3 = {{1, 3, 0}, {2, 2, 0}, {3, 3, 1}};
    assertThat(Pareto.ranks(l3, 3)).containsExactly(0, 0, 1);
  }
}
