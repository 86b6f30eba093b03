package lab.inception.worker.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The public names of an enum's constants, for enums a trial parameter chooses from: {@code
 * NAIVE_PROJECTED} is {@code naive-projected}.
 */
public final class Labels {

  private Labels() {}

  /** A constant's label: lower case, {@code _} written {@code -}. */
  public static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every constant's label, in declaration order. */
  public static <E extends Enum<E>> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Labels::of).toList();
  }

  /**
   * The constant a label names.
   *
   * @param what the parameter's name for the message, e.g. {@code precision}
   * @throws IllegalArgumentException naming the label and the choices
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String what, String label) {
    for (E e : type.getEnumConstants()) if (of(e).equals(label)) return e;
    throw new IllegalArgumentException(
        "unknown " + what + " '" + label + "'; expected " + String.join(" or ", all(type)));
  }
}
