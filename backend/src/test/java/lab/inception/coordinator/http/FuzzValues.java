package lab.inception.coordinator.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lab.inception.worker.train.TrialParameter;

/**
 * The values the fuzz suite sends: wrong types, boundaries and huge numbers, hostile strings and
 * deep structures. {@link Raw} is a number written exactly as given (2^63, -0, 1e308), which no
 * Java number type would print the same way.
 */
final class FuzzValues {

  /** A JSON/YAML number literal, written as is. */
  record Raw(String literal) {}

  private FuzzValues() {}

  static final String LONG = "x".repeat(65_536);

  /** Strings a hostile or careless client sends. */
  static List<String> hostileStrings() {
    return List.of(
        "",
        " ",
        LONG,
        "\u0000",
        "a\u0000b",
        "\u0001\u0002\u001b[31m\u007f",
        "\t\r\n",
        "../../../../etc/passwd",
        "..\\..\\windows",
        "/etc",
        "%00",
        "%2e%2e%2f",
        "\u202eevil\u202d",
        "😀ü中\uFEFF",
        "\uD800",
        "*alias",
        "&anchor x",
        "!!java.io.File",
        "${jndi:ldap://127.0.0.1/x}",
        "<script>alert(1)</script>",
        "'; DROP TABLE sweeps; --",
        "imagefolder:../../etc",
        "imagefolder:/etc",
        "imagefolder:",
        "step:1e308:NaN",
        "NaN",
        "Infinity",
        "-0",
        "1e999",
        "0x10",
        "null",
        "true");
  }

  /** Numbers at and beyond every limit a 32- or 64-bit parser or a double has. */
  static List<Object> hugeNumbers() {
    return List.of(
        new Raw("2147483647"),
        new Raw("2147483648"),
        new Raw("-2147483649"),
        new Raw("9223372036854775807"),
        new Raw("9223372036854775808"),
        new Raw("-9223372036854775809"),
        new Raw("1e308"),
        new Raw("-1e308"),
        new Raw("1e309"),
        new Raw("4.9e-324"),
        new Raw("-0"),
        new Raw("-0.0"),
        new Raw("123456789012345678901234567890"));
  }

  /** The same limits as query or path text. */
  static List<String> hugeNumberTexts() {
    List<String> out = new ArrayList<>();
    for (Object o : hugeNumbers()) out.add(((Raw) o).literal());
    out.addAll(List.of("NaN", "Infinity", "-Infinity", "0x10", "1.5", "1e3", "+1", " 1", "-1"));
    return out;
  }

  /** Values of the wrong type for any field, and structures too deep or too wide. */
  static List<Object> wrongTypes() {
    List<Object> out = new ArrayList<>();
    out.add(true);
    out.add(false);
    out.add(null);
    out.add(0L);
    out.add(-1L);
    out.add(0.5);
    out.add(List.of());
    out.add(List.of("a", 1L));
    out.add(new java.util.LinkedHashMap<>());
    out.add(java.util.Map.of("min", 1L));
    out.add(nested(19));
    out.add(nested(21));
    out.add(nested(2000));
    out.add(Collections.nCopies(20_000, 1L));
    return out;
  }

  /** {@code depth} arrays inside one another. */
  static Object nested(int depth) {
    Object v = List.of();
    for (int i = 1; i < depth; i++) v = List.of(v);
    return v;
  }

  /** Every value the suite sets a sweep field to. */
  static List<Object> all() {
    List<Object> out = new ArrayList<>(wrongTypes());
    out.addAll(hugeNumbers());
    out.addAll(hostileStrings());
    return out;
  }

  /** A parameter's range edges and one step beyond each, from the parameter table. */
  static List<Object> boundaries(TrialParameter p) {
    List<Object> out = new ArrayList<>();
    p.range()
        .ifPresent(
            r -> {
              for (Double d : new Double[] {r.min(), r.max()}) {
                if (d == null) continue;
                out.add(d);
                out.add(d - 1);
                out.add(d + 1);
                out.add(Math.nextUp(d));
                out.add(Math.nextDown(d));
              }
            });
    for (String c : p.choices()) out.add(c);
    if (p.defaultValue() != null) out.add(p.defaultValue());
    return out;
  }
}
