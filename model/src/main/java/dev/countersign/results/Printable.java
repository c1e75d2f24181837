package dev.countersign.results;

/**
 * Text from a file or a setting made safe for one line of a log: control characters (a newline,
 * a carriage return, an escape sequence) are shown as {@code \n}, {@code \r} or {@code \}{@code
 * uXXXX}, so that a value can never start a line of its own (such as {@code [INFO] BUILD
 * SUCCESS}) or recolour the terminal.
 */
public final class Printable {

  private Printable() {}

  /** {@code text} with every control character escaped; {@code "null"} for null. */
  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    int first = firstControl(text);
    if (first < 0) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (isControl(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** The index of the first control character of {@code text}, or -1 when it has none. */
  public static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  // C0, DEL, C1, and the Unicode line and paragraph separators, which some terminals break on
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }
}
