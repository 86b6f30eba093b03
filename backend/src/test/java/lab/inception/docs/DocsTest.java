package lab.inception.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lab.inception.worker.data.DatasetCatalog;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.train.TrialParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference tables in {@code docs/} are generated from their owners (the parameter table, the
 * dataset and metric catalogs, openapi.json) and must equal what is committed. A table that drifts
 * fails here; {@code mvn test -Dtest=DocsTest -Ddocs.update=true} rewrites them.
 */
class DocsTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern BLOCK =
      Pattern.compile("(<!-- generated:(\\S+) -->\\n)(.*?)(<!-- end:\\2 -->)", Pattern.DOTALL);

  @Test
  @DisplayName("docs/sweep-file.md and docs/api.md hold the tables their owners generate")
  void generatedTables() throws Exception {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("parameters", parameters());
    tables.put("datasets", datasets());
    tables.put("metrics", metrics());
    tables.put("objectives", objectives());
    JsonObject api = openapi();
    tables.put("endpoints", endpoints(api));
    tables.put("schemas", schemas(api));
    boolean update = Boolean.getBoolean("docs.update");
    List<String> stale = new ArrayList<>();
    for (String file : List.of("sweep-file.md", "api.md")) {
      Path p = DOCS.resolve(file);
      String text = Files.readString(p);
      Matcher m = BLOCK.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String want = tables.get(m.group(2));
        assertThat(want).as("unknown generated block " + m.group(2) + " in " + file).isNotNull();
        if (!m.group(3).equals(want)) stale.add(file + ": " + m.group(2));
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + want + m.group(4)));
      }
      m.appendTail(out);
      if (update) Files.writeString(p, out.toString());
    }
    if (!update)
      assertThat(stale)
          .as("stale generated tables (rerun with -Ddocs.update=true and commit)")
          .isEmpty();
  }

  static String parameters() {
    StringBuilder b =
        new StringBuilder(
            "| name | type | default | allowed | models | CLI | what |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for (TrialParameter p : TrialParameter.values()) {
      String allowed =
          switch (p.type()) {
            case CHOICE -> String.join(", ", p.choices());
            case DATASET -> String.join(", ", p.choices()) + ", imagefolder:PATH";
            case SCHEDULE -> String.join(", ", p.choices());
            default -> p.range().map(TrialParameter.Range::describe).orElse("");
          };
      String scope = p.scope() == TrialParameter.Scope.WORKER ? " (set by the worker)" : "";
      b.append("| `")
          .append(p.key())
          .append("` | ")
          .append(p.type().label())
          .append(" | ")
          .append(p.defaultValue() == null ? "" : "`" + p.defaultsText() + "`")
          .append(" | ")
          .append(allowed)
          .append(" | ")
          .append(p.models().map(l -> String.join(", ", l)).orElse("all"))
          .append(" | `")
          .append(p.option())
          .append("` | ")
          .append(p.doc().replace("|", "\\|"))
          .append(scope)
          .append(" |\n");
    }
    return b.toString();
  }

  static String datasets() {
    StringBuilder b =
        new StringBuilder(
            "| name | images | classes | train | test | files |\n| --- | --- | --- | ---: | ---: | --- |\n");
    for (DatasetCatalog.Info d : DatasetCatalog.all()) {
      b.append("| `")
          .append(d.name())
          .append("` | ")
          .append(d.channels())
          .append("×")
          .append(d.height())
          .append("×")
          .append(d.width())
          .append(" | ")
          .append(d.classes())
          .append(": ")
          .append(String.join(", ", d.classNames()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,d", d.train()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,d", d.test()))
          .append(" | ")
          .append(d.source())
          .append(" |\n");
    }
    return b.toString();
  }

  static String metrics() {
    StringBuilder b =
        new StringBuilder(
            "| name | per | unit | better | meaning |\n| --- | --- | --- | --- | --- |\n");
    for (Metric m : Metric.values()) {
      b.append("| `")
          .append(m.key())
          .append("` | ")
          .append(m.per().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(m.unit().label())
          .append(" | ")
          .append(
              m.direction() == Metric.Direction.NONE
                  ? ""
                  : m.direction().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(m.doc())
          .append(" |\n");
    }
    return b.toString();
  }

  static String objectives() {
    StringBuilder b =
        new StringBuilder(
            "| metric | default mode | known | value of a trial |\n| --- | --- | --- | --- |\n");
    for (String n : lab.inception.coordinator.sweep.Objective.names()) {
      boolean cost = lab.inception.coordinator.sweep.Objective.COSTS.contains(n);
      b.append("| `")
          .append(n)
          .append("` | ")
          .append(lab.inception.coordinator.sweep.Objective.defaultMode(n))
          .append(" | ")
          .append(cost ? "before training" : "after each epoch")
          .append(" | ")
          .append(
              cost
                  ? "the network's "
                      + (n.equals("macs") ? "inference MACs" : "trainable parameters")
                      + ", from its shapes"
                  : Metric.of(n).orElseThrow().doc() + ", at the trial's last epoch")
          .append(" |\n");
    }
    return b.toString();
  }

  static JsonObject openapi() throws Exception {
    try (InputStream in = DocsTest.class.getClassLoader().getResourceAsStream("openapi.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static String endpoints(JsonObject api) {
    StringBuilder b =
        new StringBuilder("| method and path | answer | what |\n| --- | --- | --- |\n");
    JsonObject paths = api.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject op = item.getJsonObject(method);
        JsonObject responses = op.getJsonObject("responses");
        String code =
            responses.fieldNames().stream().filter(c -> c.startsWith("2")).findFirst().orElse("");
        b.append("| `")
            .append(method.toUpperCase(Locale.ROOT))
            .append(' ')
            .append(path)
            .append("` | ")
            .append(code)
            .append(' ')
            .append(answer(responses.getJsonObject(code)))
            .append(" | ")
            .append(op.getString("summary"))
            .append(" |\n");
      }
    }
    return b.toString();
  }

  private static String answer(JsonObject response) {
    JsonObject content = response.getJsonObject("content");
    String type = content.fieldNames().iterator().next();
    return type.equals("application/json")
        ? typeOf(content.getJsonObject(type).getJsonObject("schema"))
        : content.fieldNames().stream().map(t -> "`" + t + "`").collect(Collectors.joining(" or "));
  }

  static String schemas(JsonObject api) {
    StringBuilder b = new StringBuilder();
    JsonObject schemas = api.getJsonObject("components").getJsonObject("schemas");
    for (String name : schemas.fieldNames()) {
      JsonObject s = schemas.getJsonObject(name);
      b.append("#### ").append(name).append("\n\n");
      if (s.getString("description") != null) b.append(s.getString("description")).append("\n\n");
      b.append("| field | type | |\n| --- | --- | --- |\n");
      JsonObject props = s.getJsonObject("properties");
      JsonArray required = s.getJsonArray("required", new JsonArray());
      for (String f : props.fieldNames()) {
        JsonObject p = props.getJsonObject(f);
        b.append("| `")
            .append(f)
            .append("` | ")
            .append(typeOf(p))
            .append(required.contains(f) ? "" : " (optional)")
            .append(" | ")
            .append(p.getString("description", ""))
            .append(" |\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String typeOf(JsonObject s) {
    if (s.containsKey("$ref")) {
      String n = s.getString("$ref").substring(s.getString("$ref").lastIndexOf('/') + 1);
      return "[" + n + "](#" + n.toLowerCase(Locale.ROOT) + ")";
    }
    if (s.containsKey("oneOf")) {
      List<String> parts = new ArrayList<>();
      for (Object o : s.getJsonArray("oneOf")) parts.add(typeOf((JsonObject) o));
      return String.join(" or ", parts);
    }
    Object t = s.getValue("type");
    List<String> types = new ArrayList<>();
    if (t instanceof JsonArray a) a.forEach(x -> types.add((String) x));
    else if (t != null) types.add((String) t);
    List<String> out = new ArrayList<>();
    for (String x : types) {
      if (x.equals("array") && s.getJsonObject("items") != null)
        out.add("array of " + typeOf(s.getJsonObject("items")));
      else if (x.equals("string") && s.getJsonArray("enum") != null) {
        List<String> e = new ArrayList<>();
        for (Object v : s.getJsonArray("enum")) if (v != null) e.add("`" + v + "`");
        out.add(String.join(" \\| ", e));
      } else out.add(x);
    }
    return String.join(" or ", out);
  }
}
