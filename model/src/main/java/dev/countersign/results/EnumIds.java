package dev.countersign.results;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case ids that enums of the file formats are written as, and reading them back. */
final class EnumIds {

  private EnumIds() {}

  /** {@code USER_ONLY} is written {@code user_only}. */
  static String id(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant written as {@code id}.
   *
   * @param what what the value is, for the message ("VM-exit feed")
   * @throws IllegalArgumentException naming the valid ids
   */
  static <E extends Enum<E>> E parse(Class<E> type, String id, String what) {
    for (E e : type.getEnumConstants()) {
      if (id(e).equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " '" + id + "' (expected one of "
        + Arrays.stream(type.getEnumConstants()).map(EnumIds::id)
            .collect(Collectors.joining(", ")) + ")");
  }
}
