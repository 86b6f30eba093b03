package lab.inception.worker.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What this machine's CPU can do, from the first {@code flags} line of /proc/cpuinfo. */
final class CpuFeatures {

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private CpuFeatures() {}

  /**
   * Whether the CPU computes bfloat16 in hardware: AVX-512-BF16 or AMX. False where /proc/cpuinfo
   * cannot be read (not Linux): a warning too many beats a silent slow run.
   */
  static boolean hasBf16() {
    Set<String> f = flags(CPUINFO);
    return f.contains("avx512_bf16") || f.contains("amx_bf16");
  }

  /** The flags of the first processor listed; empty when the file is missing or has none. */
  static Set<String> flags(Path cpuinfo) {
    try (var lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("flags"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .map(
              s -> Pattern.compile("\\s+").splitAsStream(s).collect(Collectors.toUnmodifiableSet()))
          .orElse(Set.of());
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
  }
}
