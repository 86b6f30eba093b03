package lab.inception.worker.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * JSON values appended to a {@link StringBuilder}, for the hot paths that write JSON by hand (a
 * trial's metric lines, the event stream's batches) instead of building a tree.
 */
public final class JsonText {

  private static final JsonStringEncoder ESC = JsonStringEncoder.getInstance();

  private JsonText() {}

  /** Appends a JSON string (quoted and escaped), or null. */
  public static StringBuilder string(StringBuilder b, String s) {
    if (s == null) return b.append("null");
    b.append('"');
    ESC.quoteAsString(s, b);
    return b.append('"');
  }

  /** Appends a JSON number, or null for NaN and the infinities (JSON has neither). */
  public static StringBuilder number(StringBuilder b, double v) {
    return Double.isFinite(v) ? b.append(NumberOutput.toString(v, true)) : b.append("null");
  }
}
