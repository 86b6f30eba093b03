package lab.inception.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks every HTTP response a test receives against the served {@code openapi.json}: the path and
 * method are documented, the status is one the operation lists (or its 4XX/5XX range), the content
 * type is the documented one, and a JSON body validates against the response schema (every field
 * required, none extra, nulls only where the document allows). Any mismatch fails the test.
 */
public final class Contract {

  private static final JsonObject DOC = load();
  private static final List<Route> ROUTES = routes();
  private static final Map<String, Validator> VALIDATORS = new ConcurrentHashMap<>();
  private static final JsonSchemaOptions OPTIONS =
      new JsonSchemaOptions()
          .setDraft(Draft.DRAFT202012)
          .setBaseUri("https://inception.lab/openapi.json")
          .setOutputFormat(OutputFormat.Basic);

  private record Route(String method, Pattern path, String template, JsonObject operation) {}

  private Contract() {}

  private static JsonObject load() {
    try (InputStream in = Contract.class.getClassLoader().getResourceAsStream("openapi.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.json is not on the class path", e);
    }
  }

  private static List<Route> routes() {
    List<Route> out = new ArrayList<>();
    JsonObject paths = DOC.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        out.add(
            new Route(
                method.toUpperCase(Locale.ROOT),
                Pattern.compile(regex),
                template,
                item.getJsonObject(method)));
      }
    }
    // literal paths before templated ones, so /api/sweeps/x/results.csv never reads as {id}
    out.sort((a, b) -> Long.compare(braces(a.template), braces(b.template)));
    return out;
  }

  private static long braces(String t) {
    return t.chars().filter(c -> c == '{').count();
  }

  /** Checks a response of {@code java.net.http}; returns it for chaining. */
  public static <T> HttpResponse<T> check(HttpResponse<T> r) {
    String ct = r.headers().firstValue("Content-Type").orElse(null);
    Object body = r.body() instanceof String s ? s : null;
    check(r.request().method(), r.uri(), r.statusCode(), ct, (String) body);
    return r;
  }

  /**
   * Checks one response.
   *
   * @param body the body, or null when it was streamed (only the content type is checked then)
   * @throws AssertionError naming the first mismatch
   */
  public static void check(String method, URI uri, int status, String contentType, String body) {
    if (!uri.getRawPath().startsWith("/api/")) return; // the dashboard's files
    String where = method + " " + uri.getRawPath() + " → " + status;
    JsonObject response = response(method, uri.getRawPath(), status, where);
    JsonObject content = response.getJsonObject("content");
    if (content == null) {
      if (body != null && !body.isEmpty())
        fail(where, "the document lists no body, the server sent " + body.length() + " chars");
      return;
    }
    String type = contentType == null ? null : contentType.split(";")[0].trim();
    if (type == null || !content.containsKey(type)) {
      fail(where, "content type " + contentType + ", documented: " + content.fieldNames());
    }
    if (body == null || !type.equals("application/json")) return;
    Object instance;
    try {
      String t = body.strip();
      instance = t.startsWith("[") ? new JsonArray(t) : t.startsWith("{") ? new JsonObject(t) : t;
    } catch (RuntimeException e) {
      fail(where, "the body is not JSON: " + e.getMessage());
      return;
    }
    JsonObject schema = content.getJsonObject(type).getJsonObject("schema");
    OutputUnit out = validator(schema).validate(instance);
    if (!Boolean.TRUE.equals(out.getValid())) {
      StringBuilder b = new StringBuilder("the body does not match the schema:");
      if (out.getErrors() != null) {
        out.getErrors().stream()
            .limit(8)
            .forEach(
                e ->
                    b.append("\n  at ")
                        .append(e.getInstanceLocation())
                        .append(": ")
                        .append(e.getError()));
      }
      String shown = body.length() > 600 ? body.substring(0, 600) + "…" : body;
      fail(where, b + "\n  body: " + shown);
    }
  }

  private static JsonObject response(String method, String raw, int status, String where) {
    // the router answers /api/sweeps/ as /api/sweeps: one trailing slash names the same operation
    String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    for (Route r : ROUTES) {
      if (!r.method.equals(method) || !r.path.matcher(path).matches()) continue;
      JsonObject responses = r.operation.getJsonObject("responses");
      JsonObject exact = responses.getJsonObject(String.valueOf(status));
      if (exact != null) return exact;
      JsonObject range = responses.getJsonObject(status / 100 + "XX");
      if (range != null) return range;
      fail(where, "status not documented for " + r.template + ": " + responses.fieldNames());
    }
    if (status >= 400) return errorResponse(); // an undocumented path: must still be a JSON error
    fail(where, "no operation " + method + " " + path + " in openapi.json");
    return null;
  }

  private static JsonObject errorResponse() {
    return new JsonObject()
        .put(
            "content",
            new JsonObject()
                .put(
                    "application/json",
                    new JsonObject()
                        .put(
                            "schema", new JsonObject().put("$ref", "#/components/schemas/Error"))));
  }

  private static Validator validator(JsonObject schema) {
    return VALIDATORS.computeIfAbsent(
        schema.encode(),
        k -> {
          JsonObject s =
              new JsonObject(schema.encode().replace("#/components/schemas/", "#/$defs/"));
          String defs =
              DOC.getJsonObject("components")
                  .getJsonObject("schemas")
                  .encode()
                  .replace("#/components/schemas/", "#/$defs/");
          s.put("$defs", new JsonObject(defs));
          return Validator.create(JsonSchema.of(s), OPTIONS);
        });
  }

  private static void fail(String where, String what) {
    throw new AssertionError("off-contract response " + where + ": " + what);
  }
}
