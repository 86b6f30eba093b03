package lab.inception.coordinator.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import lab.inception.coordinator.sched.Attempt;
import lab.inception.coordinator.sched.Trial;

/**
 * Trial documents as the API serves them: every stored document is read back through {@link
 * Trial#fromJson} and written again, so rows stored by an older version (without {@code attempts},
 * say) come out with today's fields.
 */
final class Trials {

  private Trials() {}

  static JsonObject one(JsonObject doc) {
    return Trial.fromJson(doc).toJson();
  }

  static JsonArray all(JsonArray docs) {
    return json(parse(docs));
  }

  /** Stored documents read back. */
  static List<Trial> parse(JsonArray docs) {
    List<Trial> out = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) out.add(Trial.fromJson(docs.getJsonObject(i)));
    return out;
  }

  /** Trials as the API writes them. */
  static JsonArray json(List<Trial> trials) {
    JsonArray out = new JsonArray(new ArrayList<>(trials.size()));
    for (Trial t : trials) out.add(t.toJson());
    return out;
  }

  /**
   * Where an attempt's log is: {@code attempt} 0 means the newest.
   *
   * @throws ApiError 404 for an attempt the trial does not have
   */
  static String logPath(JsonObject doc, long attempt) {
    Trial t = Trial.fromJson(doc);
    var attempts = t.attempts();
    if (attempts.isEmpty()) {
      throw ApiError.notFound("trial " + t.id() + " has not run yet: no log");
    }
    Attempt a =
        attempt == 0
            ? attempts.get(attempts.size() - 1)
            : attempts.stream().filter(x -> x.attempt() == attempt).findFirst().orElse(null);
    if (a == null || a.log() == null) {
      throw ApiError.notFound(
          "trial "
              + t.id()
              + " has no attempt "
              + attempt
              + " (attempts 1–"
              + attempts.size()
              + ")");
    }
    return a.log();
  }
}
