package lab.inception.coordinator.curves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SevenDigitsTest {

  /** RFC 8259's number grammar. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private static String write(double v) {
    return SevenDigits.append(new StringBuilder(), v).toString();
  }

  @Test
  @DisplayName(
      "every number is written as a JSON number equal to the exact value rounded to 7 significant"
          + " digits (BigDecimal, half up) but at decimal ties, over 40 decades")
  void againstBigDecimal() {
    Random rnd = new Random(11);
    int ties = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      double v =
          switch (i % 4) {
            case 0 -> Math.pow(10, rnd.nextDouble() * 40 - 20) * (rnd.nextBoolean() ? 1 : -1);
            case 1 -> rnd.nextInt(2_000_000) / 1000.0; // decimals as a loss is logged
            case 2 -> (float) rnd.nextGaussian(); // values that are floats already
            default -> rnd.nextInt(100_000_000) * Math.pow(10, rnd.nextInt(20) - 10);
          };
      if (v == 0) continue;
      String s = write(v);
      assertThat(s).as("for %s", v).matches(JSON_NUMBER);
      BigDecimal got = new BigDecimal(s);
      BigDecimal want = new BigDecimal(v).round(new MathContext(7, RoundingMode.HALF_UP));
      assertThat(got.stripTrailingZeros().precision()).as(s).isLessThanOrEqualTo(7);
      assertThat(s).as("written with a fraction or an exponent").containsAnyOf(".", "E");
      BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(want.precision() - want.scale() - 7);
      assertThat(got.subtract(want).abs())
          .as("%s for %s (want %s)", s, v, want)
          .isLessThanOrEqualTo(unit);
      if (got.compareTo(want) != 0) {
        // only where the value is a decimal tie to within the double's own rounding (12345.675,
        // stored as 12345.67499999…): then the digits written are the ones the user wrote
        BigDecimal tie = got.add(want).divide(BigDecimal.valueOf(2));
        assertThat(new BigDecimal(v).subtract(tie).abs())
            .as("%s for %s: not a tie", s, v)
            .isLessThanOrEqualTo(unit.scaleByPowerOfTen(-6));
        ties++;
      }
    }
    assertThat(ties).as("ties").isLessThan(n / 100);
  }

  @Test
  @DisplayName("plain and exponent forms, carries, zero and the edges of the double range")
  void forms() {
    assertThat(write(0)).isEqualTo("0");
    assertThat(write(-0.0)).isEqualTo("0");
    assertThat(write(1)).isEqualTo("1.0");
    assertThat(write(-2.5)).isEqualTo("-2.5");
    assertThat(write(0.1)).isEqualTo("0.1");
    assertThat(write(0.6931471805599453)).isEqualTo("0.6931472");
    assertThat(write(123456789)).isEqualTo("1.234568E8");
    assertThat(write(1234567)).isEqualTo("1234567.0");
    assertThat(write(9999999.6)).isEqualTo("1.0E7");
    assertThat(write(0.99999996)).isEqualTo("1.0");
    assertThat(write(0.00001)).isEqualTo("0.00001");
    assertThat(write(0.0000012345)).isEqualTo("1.2345E-6");
    assertThat(write(100)).isEqualTo("100.0");
    assertThat(write(1e22)).isEqualTo("1.0E22");
    assertThat(write(Double.MAX_VALUE)).isEqualTo("1.797693E308");
    assertThat(write(-5.500426327228581E-19)).isEqualTo("-5.500426E-19");
    assertThat(write(Double.MIN_VALUE)).isEqualTo("4.940656E-324");
    assertThat(write(Double.MIN_VALUE)).matches(JSON_NUMBER);
    assertThatThrownBy(() -> write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> write(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
