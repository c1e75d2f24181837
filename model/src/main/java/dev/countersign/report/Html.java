package dev.countersign.report;

/** Escaping for text placed into HTML element content and quoted attribute values. */
public final class Html {

  private Html() {}

  /** Escapes {@code & < > " '}: safe in element content and in single- or double-quoted attributes. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A number for an SVG coordinate: fixed two decimals, never exponent or locale commas. */
  public static String px(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
