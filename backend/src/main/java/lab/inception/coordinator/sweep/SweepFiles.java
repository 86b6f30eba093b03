package lab.inception.coordinator.sweep;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a sweep file's text, JSON or YAML, into plain maps and lists. JSON is recognised by its
 * leading brace; everything else is read as YAML with safe types only, no duplicate keys and a cap
 * on aliases (no "billion laughs").
 */
public final class SweepFiles {

  /** Larger sweep files are refused before parsing. */
  public static final int MAX_CHARS = 1 << 20;

  private SweepFiles() {}

  /** Parses the text into a map; {@link SweepValidationException} with a one-line reason if not. */
  public static Map<String, Object> read(String text) {
    if (text == null || text.isBlank()) throw single("", "empty sweep file");
    if (text.length() > MAX_CHARS) {
      throw single(
          "", "sweep file too large (" + text.length() + " characters, at most " + MAX_CHARS + ")");
    }
    String t = text.strip();
    Object root = t.startsWith("{") || t.startsWith("[") ? readJson(t) : readYaml(text);
    if (!(root instanceof Map<?, ?> map)) {
      throw single(
          "",
          "a sweep file is a mapping of keys (name, dataset, parameters, ...), not " + kind(root));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) map;
    return m;
  }

  private static Object readJson(String t) {
    try {
      Object v = t.startsWith("[") ? new JsonArray(t) : new JsonObject(t);
      return plain(v);
    } catch (DecodeException e) {
      throw single("", "malformed JSON: " + firstLine(e.getMessage()));
    }
  }

  private static Object readYaml(String text) {
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(false);
    opts.setMaxAliasesForCollections(20);
    opts.setCodePointLimit(MAX_CHARS);
    opts.setNestingDepthLimit(20);
    opts.setAllowRecursiveKeys(false);
    try {
      Object v = new Yaml(new SafeConstructor(opts)).load(text);
      return plain(v);
    } catch (MarkedYAMLException e) {
      String where =
          e.getProblemMark() == null
              ? ""
              : " at line "
                  + (e.getProblemMark().getLine() + 1)
                  + ", column "
                  + (e.getProblemMark().getColumn() + 1);
      throw single("", "malformed YAML" + where + ": " + firstLine(e.getProblem()));
    } catch (YAMLException e) {
      throw single("", "malformed YAML: " + firstLine(e.getMessage()));
    } catch (StackOverflowError e) {
      throw single("", "the YAML nests too deeply");
    }
  }

  /** How deeply mappings and lists may nest (a sweep file needs four levels). */
  static final int MAX_DEPTH = 20;

  /**
   * JsonObject/JsonArray to Map/List; YAML keys to strings. A structure nested deeper than {@link
   * #MAX_DEPTH} (a YAML alias that contains itself, {@code a: &a [*a]}, is infinitely deep) is
   * refused.
   */
  static Object plain(Object v) {
    return plain(v, 0);
  }

  private static Object plain(Object v, int depth) {
    if (depth > MAX_DEPTH
        && (v instanceof Map
            || v instanceof List
            || v instanceof JsonObject
            || v instanceof JsonArray)) {
      throw single(
          "",
          "the sweep file nests deeper than "
              + MAX_DEPTH
              + " levels (or has an alias that contains itself)");
    }
    if (v instanceof JsonObject o) return plain(o.getMap(), depth);
    if (v instanceof JsonArray a) return plain(a.getList(), depth);
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x, depth + 1)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(plain(x, depth + 1)));
      return out;
    }
    return v;
  }

  static String kind(Object v) {
    if (v == null) return "null";
    if (v instanceof Map) return "a mapping";
    if (v instanceof List) return "a list";
    if (v instanceof String) return "a string";
    if (v instanceof Boolean) return "a boolean";
    if (v instanceof Number) return "a number";
    return v.getClass().getSimpleName();
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int i = s.indexOf('\n');
    return (i < 0 ? s : s.substring(0, i)).strip();
  }

  private static SweepValidationException single(String path, String msg) {
    return new SweepValidationException(List.of(new Problem(path, msg)));
  }
}
