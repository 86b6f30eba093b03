package lab.inception.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CurvePackTest {

  private record Point(long step, double value) {}

  private static List<Point> decode(byte[] blob, long since) {
    List<Point> out = new ArrayList<>();
    int fed = CurvePack.decode(blob, since, (s, v) -> out.add(new Point(s, v)));
    assertThat(fed).isEqualTo(out.size());
    return out;
  }

  @Test
  @DisplayName(
      "a packed curve gives back every point exactly, irregular and negative steps and huge gaps"
          + " too, and only those above since")
  void roundTrip() {
    Random rnd = new Random(3);
    int n = 3000;
    long[] steps = new long[n];
    double[] values = new double[n];
    long s = -50;
    for (int i = 0; i < n; i++) {
      s += i == 1000 ? 1L << 40 : 1 + rnd.nextInt(i % 2 == 0 ? 3 : 300);
      steps[i] = s;
      values[i] = i == 7 ? -0.0 : i == 8 ? Double.MIN_VALUE : rnd.nextGaussian() * 1e6;
    }
    byte[] blob = CurvePack.encode(steps, values, n);
    List<Point> all = decode(blob, Long.MIN_VALUE);
    assertThat(all).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(all.get(i).step()).isEqualTo(steps[i]);
      // bit for bit, so -0.0 stays -0.0
      assertThat(Double.doubleToRawLongBits(all.get(i).value()))
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
    long since = steps[1500];
    assertThat(decode(blob, since))
        .extracting(Point::step)
        .containsExactlyElementsOf(Arrays.stream(steps, 1501, n).boxed().toList());
    assertThat(decode(blob, steps[n - 1])).isEmpty();
    assertThat(decode(CurvePack.encode(steps, values, 0), Long.MIN_VALUE)).isEmpty();
    // consecutive steps cost one byte each beside their value
    long[] run = new long[100];
    for (int i = 0; i < run.length; i++) run[i] = i;
    assertThat(CurvePack.encode(run, new double[100], 100)).hasSize(4 + 8 * 100 + 100);
  }

  @Test
  @DisplayName("a blob it did not write is refused with what is wrong, never read past its end")
  void corrupt() {
    byte[] good = CurvePack.encode(new long[] {1, 2, 300}, new double[] {1, 2, 3}, 3);
    assertThatThrownBy(() -> decode(Arrays.copyOf(good, good.length - 1), Long.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends inside a step");
    assertThatThrownBy(() -> decode(Arrays.copyOf(good, good.length + 1), Long.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after its last step");
    byte[] huge = good.clone();
    huge[3] = 0x7F; // a count of about 2^31
    assertThatThrownBy(() -> decode(huge, Long.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds");
    assertThatThrownBy(() -> decode(new byte[2], Long.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CurvePack.encode(new long[] {2, 2}, new double[2], 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
