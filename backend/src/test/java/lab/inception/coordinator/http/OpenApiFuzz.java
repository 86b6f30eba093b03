package lab.inception.coordinator.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lab.inception.worker.train.TrialParameter;

/**
 * Generates requests from openapi.json: for each operation a valid one, then each parameter (path,
 * query, header) set to every value of its schema's pool while the others stay valid, an unknown
 * query parameter, and for a request body every {@link SweepMutations} mutation; then seeded random
 * combinations of all of these.
 */
final class OpenApiFuzz {

  /**
   * The existing ids the valid requests use: reads go to one sweep, commands to another, so the
   * read sweep must stay exactly as it was.
   */
  record Ids(String readSweep, String readTrial, String commandSweep, String commandTrial) {}

  private record Param(String name, String in, JsonObject schema) {}

  private record Operation(String method, String template, List<Param> params, boolean body) {
    String name() {
      return method + " " + template;
    }
  }

  /** Valid values of string parameters the document types only as strings. */
  private static final Map<String, List<String>> SAMPLES =
      Map.of(
          "name", List.of("train_loss", "googlenet", "inception-v3"),
          "input", List.of("3x32x32", "1x28x28", "3x299x299"),
          "block", TrialParameter.BLOCK.choices(),
          "Last-Event-ID", List.of("0", "1"),
          "metric", List.of("train_loss", "val_accuracy"),
          "state", List.of("completed", "queued,running"),
          "param", List.of("model:googlenet", "lr:0.01"));

  private final List<Operation> operations = new ArrayList<>();
  private final Ids ids;

  OpenApiFuzz(JsonObject doc, Ids ids) {
    this.ids = ids;
    JsonObject paths = doc.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        JsonObject op = item.getJsonObject(method);
        List<Param> params = new ArrayList<>();
        for (Object p : op.getJsonArray("parameters", new JsonArray())) {
          JsonObject j = (JsonObject) p;
          params.add(new Param(j.getString("name"), j.getString("in"), j.getJsonObject("schema")));
        }
        operations.add(
            new Operation(
                method.toUpperCase(java.util.Locale.ROOT),
                template,
                params,
                op.containsKey("requestBody")));
      }
    }
  }

  /** How many operations the document has. */
  int operationCount() {
    return operations.size();
  }

  /** The systematic requests: every parameter through its pool, every body mutation. */
  List<FuzzRequest> systematic() {
    List<FuzzRequest> out = new ArrayList<>();
    for (Operation op : operations) {
      out.add(request(op, Map.of(), "valid", valid(op)));
      for (Param p : op.params()) {
        for (String v : pool(op, p)) {
          out.add(request(op, Map.of(p.name(), v), p.name() + "=" + shortly(v), valid(op)));
        }
        if (!p.in().equals("path")) continue;
        out.add(request(op, Map.of(p.name(), ""), p.name() + " missing", valid(op)));
      }
      out.add(unknownQuery(request(op, Map.of(), "unknown query parameter", valid(op))));
      if (op.body()) bodies(op, out);
      else if (op.method().equals("POST")) {
        out.add(request(op, Map.of(), "extra JSON body", json("{\"extra\": 1}")));
      }
    }
    return out;
  }

  /**
   * {@code n} seeded random combinations: each parameter omitted, valid or hostile, and (every
   * other request) a sweep with 1 to 4 mutations at once.
   */
  List<FuzzRequest> random(Random rnd, int n) {
    List<SweepMutations.Mutation> mutations = SweepMutations.all();
    List<Operation> withBody = operations.stream().filter(Operation::body).toList();
    List<FuzzRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // every other one has a body: the sweep file is where most of the API's input is
      Operation op =
          i % 2 == 0 && !withBody.isEmpty()
              ? withBody.get(rnd.nextInt(withBody.size()))
              : operations.get(rnd.nextInt(operations.size()));
      Map<String, String> values = new LinkedHashMap<>();
      for (Param p : op.params()) {
        List<String> pool = pool(op, p);
        int pick = rnd.nextInt(pool.size() + 1);
        if (pick < pool.size()) values.put(p.name(), pool.get(pick));
      }
      Body body = valid(op);
      String what = "random " + values.keySet();
      if (op.body()) {
        List<SweepMutations.Mutation> ms = SweepMutations.random(mutations, rnd);
        body = sweep(SweepMutations.apply(ms), rnd.nextBoolean());
        what += " " + ms;
      }
      out.add(request(op, values, what, body));
    }
    return out;
  }

  private record Body(String type, String text) {}

  private static Body json(String text) {
    return new Body("application/json", text);
  }

  private static Body sweep(Map<String, Object> s, boolean yaml) {
    return yaml ? new Body("application/yaml", BodyText.yaml(s)) : json(BodyText.json(s));
  }

  private Body valid(Operation op) {
    return op.body() ? sweep(SweepMutations.valid(), false) : null;
  }

  private void bodies(Operation op, List<FuzzRequest> out) {
    List<SweepMutations.Mutation> all = SweepMutations.all();
    for (int i = 0; i < all.size(); i++) {
      SweepMutations.Mutation m = all.get(i);
      out.add(
          request(op, Map.of(), "body " + m, sweep(SweepMutations.apply(List.of(m)), i % 2 == 1)));
    }
    String yaml = "application/yaml";
    String[][] raw = {
      {null, ""},
      {"application/json", ""},
      {"application/json", "[]"},
      {"application/json", "\"x\""},
      {"application/json", "1"},
      {"application/json", "null"},
      {"application/json", "{}"},
      {
        "application/json",
        "{\"name\":\"a\",\"name\":\"b\",\"parameters\":{\"model\":\"googlenet\"}}"
      },
      {"application/json", "{\"parameters\":{\"model\":\"googlenet\"}} trailing"},
      {"application/json", "\uFEFF{\"parameters\":{\"model\":\"googlenet\"}}"},
      {"application/json", "{\"parameters\":{\"model\":\"googlenet\",\"lr\":NaN}}"},
      {"application/json; charset=latin1", "{\"parameters\":{\"model\":\"googlenet\"}}"},
      {yaml, "a: &a [*a]\n"},
      {yaml, "x: &x {model: googlenet}\nparameters: *x\n"},
      {yaml, "base: &b {model: googlenet}\nparameters: {<<: *b, epochs: 1}\n"},
      {
        yaml,
        "parameters: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
            + " [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n"
      },
      {yaml, "name: !!binary AAAA\nparameters: {model: googlenet}\n"},
      {yaml, "parameters: {model: googlenet}\n---\nparameters: {model: bn-inception}\n"},
      {yaml, "parameters:\n\tmodel: googlenet\n"},
      {yaml, "? [a, b]\n: c\nparameters: {model: googlenet}\n"},
      {yaml, "parameters: {model: googlenet, lr: .nan, width: .inf}\n"},
      {yaml, "parameters: {model: googlenet, epochs: 0x10, seed: 0o7, lr: 1_000}\n"},
      {yaml, "parameters: {model: googlenet}\nname: " + "[".repeat(50) + "]".repeat(50) + "\n"},
      {yaml, "\u0000"},
    };
    for (String[] r : raw) {
      out.add(
          request(
              op,
              Map.of(),
              "raw body " + shortly(r[1]),
              r[0] == null ? null : new Body(r[0], r[1])));
    }
  }

  private FuzzRequest request(Operation op, Map<String, String> given, String what, Body body) {
    String path = op.template();
    StringBuilder query = new StringBuilder();
    Map<String, String> headers = new LinkedHashMap<>();
    for (Param p : op.params()) {
      String v = given.get(p.name());
      switch (p.in()) {
        case "path" ->
            path = path.replace("{" + p.name() + "}", encode(v != null ? v : validId(op)));
        case "query" -> {
          if (v != null)
            query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=').append(raw(v));
        }
        case "header" -> {
          if (v != null) headers.put(p.name(), v);
        }
        default -> throw new IllegalStateException("parameter in " + p.in());
      }
    }
    return new FuzzRequest(
        op.name(),
        what,
        op.method(),
        path + query,
        headers,
        body == null ? null : body.type(),
        body == null ? null : body.text());
  }

  /** The request with a query parameter the document does not name, given twice. */
  private static FuzzRequest unknownQuery(FuzzRequest r) {
    String target = r.target() + (r.target().contains("?") ? "&" : "?") + "zzz=1&zzz=";
    return new FuzzRequest(
        r.operation(), r.what(), r.method(), target, r.headers(), r.contentType(), r.body());
  }

  private String validId(Operation op) {
    boolean command = op.method().equals("POST");
    if (op.template().startsWith("/api/sweeps/"))
      return command ? ids.commandSweep() : ids.readSweep();
    if (op.template().startsWith("/api/trials/"))
      return command ? ids.commandTrial() : ids.readTrial();
    return "googlenet";
  }

  /** A parameter's values: valid ones from the schema (or samples), then the hostile ones. */
  private List<String> pool(Operation op, Param p) {
    List<String> out = new ArrayList<>();
    JsonObject s = p.schema();
    String type = s.getString("type", "string");
    if (p.in().equals("path")) {
      out.add(validId(op));
      out.add("no-such-id");
    }
    for (Object e : s.getJsonArray("enum", new JsonArray())) out.add(String.valueOf(e));
    out.addAll(SAMPLES.getOrDefault(p.name(), List.of()));
    switch (type) {
      case "integer", "number" -> {
        for (String k : List.of("minimum", "maximum")) {
          if (s.getValue(k) instanceof Number n) {
            long b = n.longValue();
            out.addAll(List.of(String.valueOf(b), String.valueOf(b - 1), String.valueOf(b + 1)));
          }
        }
        out.addAll(List.of("0", "1", "0.5"));
        out.addAll(FuzzValues.hugeNumberTexts());
      }
      case "boolean" -> out.addAll(List.of("true", "false", "1", "yes", "TRUE"));
      default -> {}
    }
    for (String h : FuzzValues.hostileStrings()) {
      if (p.in().equals("path") && (h.equals(".") || h.equals(".."))) continue; // a dot segment
      if (p.in().equals("header") && (h.indexOf('\r') >= 0 || h.indexOf('\n') >= 0)) continue;
      out.add(h);
    }
    if (p.in().equals("query")) {
      out.add("\u0000raw:%00");
      out.add("\u0000raw:../../");
      out.add("\u0000raw:a%20b+c");
    }
    return out;
  }

  /** A query value: percent-encoded, or (marked raw) written as is. */
  private static String raw(String v) {
    return v.startsWith("\u0000raw:") ? v.substring(5) : encode(v);
  }

  /** Percent-encodes every byte but RFC 3986's unreserved characters. */
  static String encode(String v) {
    StringBuilder b = new StringBuilder();
    for (byte x : v.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }

  private static String shortly(String v) {
    return SweepMutations.shortly(v);
  }
}
