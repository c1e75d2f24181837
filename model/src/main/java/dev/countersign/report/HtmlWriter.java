package dev.countersign.report;

import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Writes HTML (and the inline SVG in it) so that text can only ever be text: every text and
 * every attribute value goes through {@link #escape} (commons-text {@code escapeHtml4}) and every
 * attribute value is double-quoted, which is what makes {@code escapeHtml4} enough there (it
 * escapes {@code "} but not {@code '}). Tag and attribute names are the code's own and must look
 * like names, so no data can become markup through them.
 *
 * <p>The one way to write markup unescaped is {@link #trustedMarkup}, for what this code generated
 * itself (the page's own style sheet and script, an SVG plot written by another writer).
 */
public final class HtmlWriter {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9:-]*");

  private final StringBuilder out;

  /** An empty document. */
  public HtmlWriter() {
    this(4 * 1024);
  }

  /** An empty document with room for {@code capacity} characters. */
  public HtmlWriter(int capacity) {
    out = new StringBuilder(capacity);
  }

  /** {@code text} escaped for element content and double-quoted attributes; "" for null. */
  public static String escape(String text) {
    return text == null ? "" : StringEscapeUtils.escapeHtml4(text);
  }

  /**
   * A start tag: {@code <tag name="value" ...>}, the values escaped; a {@code null} value omits its
   * attribute (a boolean attribute such as {@code checked} is written {@code checked=""}).
   *
   * @param attributes pairs of attribute name and value (any value is written as its string)
   */
  public HtmlWriter open(String tag, Object... attributes) {
    startTag(tag, attributes);
    out.append('>');
    return this;
  }

  /** An element without content, as SVG writes it: {@code <tag name="value" .../>}. */
  public HtmlWriter empty(String tag, Object... attributes) {
    startTag(tag, attributes);
    out.append("/>");
    return this;
  }

  /** An end tag. */
  public HtmlWriter close(String tag) {
    out.append("</").append(name(tag)).append('>');
    return this;
  }

  /** {@code <tag ...>text</tag>}, the text escaped. */
  public HtmlWriter element(String tag, Object text, Object... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** Text, escaped; a number or any other value as its string. */
  public HtmlWriter text(Object text) {
    out.append(escape(String.valueOf(text)));
    return this;
  }

  /**
   * Markup written as it is, unescaped: only for markup this code generated (the page's style
   * sheet and script, an SVG from another {@code HtmlWriter}), never for text from a file or a
   * test.
   */
  public HtmlWriter trustedMarkup(String markup) {
    out.append(markup);
    return this;
  }

  /** The document so far. */
  @Override
  public String toString() {
    return out.toString();
  }

  private void startTag(String tag, Object[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes of <" + tag + "> come in name/value pairs");
    }
    out.append('<').append(name(tag));
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      out.append(' ').append(name(String.valueOf(attributes[i]))).append("=\"")
          .append(escape(String.valueOf(value))).append('"');
    }
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a tag or attribute name: " + name);
    }
    return name;
  }
}
