package lab.inception.coordinator.http;

import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers, booleans, nulls and {@link FuzzValues.Raw}
 * literals as JSON or as block YAML (so that the server reads it with its YAML parser: text
 * starting with a brace is read as JSON). Every character outside printable ASCII is escaped, so
 * lone surrogates and control characters reach the parser as written.
 */
final class BodyText {

  private BodyText() {}

  static String json(Object v) {
    StringBuilder b = new StringBuilder();
    flow(v, b);
    return b.toString();
  }

  /** A mapping as block YAML, one top-level key a line; nested values in flow style. */
  static String yaml(Map<?, ?> m) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      quoted(String.valueOf(e.getKey()), b);
      b.append(": ");
      flow(e.getValue(), b);
      b.append('\n');
    }
    return b.toString();
  }

  private static void flow(Object v, StringBuilder b) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof FuzzValues.Raw r) {
      b.append(r.literal());
    } else if (v instanceof String s) {
      quoted(s, b);
    } else if (v instanceof Double d) {
      b.append(d.isNaN() || d.isInfinite() ? "\"" + d + "\"" : d.toString());
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) b.append(", ");
        flow(l.get(i), b);
      }
      b.append(']');
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) b.append(", ");
        first = false;
        quoted(String.valueOf(e.getKey()), b);
        b.append(": ");
        flow(e.getValue(), b);
      }
      b.append('}');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass());
    }
  }

  /** A double-quoted string, valid in both JSON and YAML. */
  private static void quoted(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c >= 0x20 && c < 0x7f) b.append(c);
      else b.append(String.format("\\u%04x", (int) c));
    }
    b.append('"');
  }
}
