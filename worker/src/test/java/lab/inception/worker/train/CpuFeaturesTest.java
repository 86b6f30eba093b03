package lab.inception.worker.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuFeaturesTest {

  @TempDir Path tmp;

  @Test
  @DisplayName("the first processor's flags from /proc/cpuinfo; none for a missing file")
  void flags() throws Exception {
    Path info = tmp.resolve("cpuinfo");
    Files.writeString(
        info,
        String.join(
            "\n",
            "processor\t: 0",
            "model name\t: AMD EPYC",
            "flags\t\t: fpu sse2  avx512f avx512_bf16\tamx_tile",
            "",
            "processor\t: 1",
            "flags\t\t: fpu other_core_only",
            ""));
    assertThat(CpuFeatures.flags(info))
        .containsExactlyInAnyOrder("fpu", "sse2", "avx512f", "avx512_bf16", "amx_tile");
    assertThat(CpuFeatures.flags(tmp.resolve("missing"))).isEmpty();
    Files.writeString(info, "processor\t: 0\n");
    assertThat(CpuFeatures.flags(info)).isEmpty();
  }
}
