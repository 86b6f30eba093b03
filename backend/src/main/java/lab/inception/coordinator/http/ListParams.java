package lab.inception.coordinator.http;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import lab.inception.coordinator.sched.SweepState;
import lab.inception.coordinator.sched.TrialState;
import lab.inception.coordinator.store.Paging;
import lab.inception.coordinator.store.Paging.Listing;
import lab.inception.worker.train.TrialParameter;

/**
 * The query parameters of a list endpoint ({@code limit}, {@code cursor}, {@code sort}, {@code
 * state}, {@code param}) read into a {@link Paging.Query}; every bad one is a 400 naming it.
 */
final class ListParams {

  /** The largest page. */
  static final int MAX_LIMIT = 1000;

  private static final List<String> NAMES = List.of("limit", "cursor", "sort", "state", "param");

  private ListParams() {}

  /**
   * Whether the request names none of them: the answer is then the whole list, as before paging.
   */
  static boolean none(RoutingContext ctx) {
    return NAMES.stream().allMatch(n -> blank(ctx.request().getParam(n)));
  }

  /** The parameters as a query; {@code limit} -1 when not given (the whole list, as an array). */
  static Paging.Query of(RoutingContext ctx, Listing listing) {
    String limitText = param(ctx, "limit");
    String cursorText = param(ctx, "cursor");
    int limit = -1;
    if (limitText != null) {
      long l = HttpApiVerticle.longParam(ctx, "limit", -1);
      if (l < 1 || l > MAX_LIMIT)
        throw ApiError.badRequest("limit must be between 1 and " + MAX_LIMIT + " (got " + l + ")");
      limit = (int) l;
    } else if (cursorText != null) {
      throw ApiError.badRequest("cursor needs limit (the page size)");
    }
    Paging.Sort sort = sort(param(ctx, "sort"), listing);
    List<String> states =
        listing == Listing.SWEEPS
            ? states(
                param(ctx, "state"),
                "sweep",
                k -> SweepState.of(k).isPresent(),
                SweepState.values(),
                SweepState::key)
            : states(
                param(ctx, "state"),
                "trial",
                k -> TrialState.of(k).isPresent(),
                TrialState.values(),
                TrialState::key);
    String name = null;
    Object value = null;
    String paramText = param(ctx, "param");
    if (paramText != null) {
      if (listing == Listing.SWEEPS) throw ApiError.badRequest("param filters trials, not sweeps");
      int colon = paramText.indexOf(':');
      if (colon < 1) throw ApiError.badRequest("param must be NAME:VALUE (got " + paramText + ")");
      name = paramText.substring(0, colon);
      if (TrialParameter.of(name).isEmpty())
        throw ApiError.badRequest(
            "param: unknown trial parameter '"
                + name
                + "' (known: "
                + String.join(", ", TrialParameter.keys())
                + ")");
      value = scalar(paramText.substring(colon + 1));
    }
    boolean archived =
        listing == Listing.SWEEPS && HttpApiVerticle.booleanParam(ctx, "archived", false);
    Paging.Query q = new Paging.Query(listing, sort, states, name, value, limit, null, archived);
    if (cursorText == null) return q;
    try {
      return new Paging.Query(
          listing, sort, states, name, value, limit, Paging.Cursor.decode(cursorText, q), archived);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static Paging.Sort sort(String text, Listing listing) {
    if (text == null) {
      return listing == Listing.SWEEPS
          ? new Paging.Sort("created", true)
          : new Paging.Sort("index", false);
    }
    boolean desc = text.startsWith("-");
    String key = desc ? text.substring(1) : text;
    if (!listing.keys().contains(key))
      throw ApiError.badRequest(
          "sort must be one of "
              + String.join(", ", listing.keys())
              + ", each with an optional leading '-' (got "
              + text
              + ")");
    return new Paging.Sort(key, desc);
  }

  private static <S> List<String> states(
      String text,
      String what,
      java.util.function.Predicate<String> known,
      S[] all,
      Function<S, String> key) {
    if (text == null) return List.of();
    List<String> out = new ArrayList<>();
    for (String s : text.split(",", -1)) {
      String k = s.trim();
      if (!known.test(k))
        throw ApiError.badRequest(
            "state: unknown "
                + what
                + " state '"
                + k
                + "' (known: "
                + java.util.Arrays.stream(all).map(key).collect(Collectors.joining(", "))
                + ")");
      if (!out.contains(k)) out.add(k);
    }
    return out;
  }

  /** A parameter value as a sweep file writes it: a number, true/false, else the text. */
  static Object scalar(String v) {
    if (v.equals("true") || v.equals("false")) return Boolean.valueOf(v);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      // not an integer
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)
          && !v.endsWith("d")
          && !v.endsWith("f")
          && !v.endsWith("D")
          && !v.endsWith("F")) return d;
    } catch (NumberFormatException e) {
      // text
    }
    return v;
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return blank(v) ? null : v.trim();
  }

  private static boolean blank(String v) {
    return v == null || v.isBlank();
  }
}
