package lab.inception.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

  @Test
  @DisplayName("formats like Instant, always with milliseconds, across seconds and before 1970")
  void likeInstant() {
    SplittableRandom r = new SplittableRandom(7);
    long[] fixed = {0, 999, 1000, -1, -1001, 1764169200000L, 1764169200001L, 1764169200999L};
    for (int i = 0; i < 20_000; i++) {
      long ms = i < fixed.length ? fixed[i] : r.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
      if (i % 3 == 0) ms = 1764169200000L + i; // runs through the cached second
      String s = IsoTime.format(ms);
      assertThat(Instant.parse(s).toEpochMilli()).as(s).isEqualTo(ms);
      assertThat(s).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(s.substring(0, 19))
          .isEqualTo(
              Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.SECONDS).toString().substring(0, 19));
    }
  }
}
