package lab.inception.coordinator.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code PATCH /api/sweeps/{id}}: what a user writes about a sweep. Each field is
 * optional (absent: unchanged); a body with no field, an unknown field or a value of the wrong kind
 * is refused with every problem named.
 *
 * @param notes free text, at most {@value #MAX_NOTES} characters
 * @param tags at most {@value #MAX_TAGS} distinct non-blank tags of at most {@value #MAX_TAG}
 *     characters each (trimmed; the order given is kept)
 * @param archived whether the sweep is hidden from the sweeps list
 */
record SweepEdit(String notes, List<String> tags, Boolean archived) {

  static final int MAX_NOTES = 10_000;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 40;
  private static final Set<String> FIELDS = Set.of("notes", "tags", "archived");

  static SweepEdit parse(String body) {
    JsonObject j;
    try {
      j = body == null || body.isBlank() ? null : new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.badRequest("the body must be a JSON object: " + e.getMessage());
    }
    if (j == null) throw ApiError.badRequest("the body must be a JSON object");
    JsonArray problems = new JsonArray();
    for (String f : j.fieldNames()) {
      if (!FIELDS.contains(f))
        problem(problems, f, "unknown field '" + f + "' (notes, tags or archived)");
    }
    String notes = null;
    if (j.containsKey("notes")) {
      if (!(j.getValue("notes") instanceof String s))
        problem(problems, "notes", "must be a string");
      else if (s.length() > MAX_NOTES)
        problem(problems, "notes", "at most " + MAX_NOTES + " characters (got " + s.length() + ")");
      else notes = s;
    }
    List<String> tags = j.containsKey("tags") ? tags(j.getValue("tags"), problems) : null;
    Boolean archived = null;
    if (j.containsKey("archived")) {
      if (!(j.getValue("archived") instanceof Boolean b))
        problem(problems, "archived", "must be true or false");
      else archived = b;
    }
    if (problems.isEmpty() && notes == null && tags == null && archived == null)
      problem(problems, "", "nothing to change: give notes, tags or archived");
    if (!problems.isEmpty()) {
      String first = problems.getJsonObject(0).getString("message");
      String path = problems.getJsonObject(0).getString("path");
      throw new ApiError(
          400,
          problems.size() == 1
              ? (path.isEmpty() ? first : path + ": " + first)
              : "the edit has " + problems.size() + " problems",
          problems);
    }
    return new SweepEdit(notes, tags, archived);
  }

  private static List<String> tags(Object v, JsonArray problems) {
    if (!(v instanceof JsonArray a)) {
      problem(problems, "tags", "must be an array of strings");
      return null;
    }
    if (a.size() > MAX_TAGS)
      problem(problems, "tags", "at most " + MAX_TAGS + " tags (got " + a.size() + ")");
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < a.size(); i++) {
      String at = "tags[" + i + "]";
      if (!(a.getValue(i) instanceof String s)) problem(problems, at, "must be a string");
      else if (s.isBlank()) problem(problems, at, "must not be blank");
      else if (s.strip().length() > MAX_TAG)
        problem(
            problems, at, "at most " + MAX_TAG + " characters (got " + s.strip().length() + ")");
      else out.add(s.strip());
    }
    return new ArrayList<>(out);
  }

  private static void problem(JsonArray problems, String path, String message) {
    problems.add(new JsonObject().put("path", path).put("message", message));
  }
}
