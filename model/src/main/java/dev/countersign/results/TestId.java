package dev.countersign.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies a performance test across runs.
 *
 * @param className fully qualified test class
 * @param methodName the test method
 * @param displayName JUnit's display name (may contain anything; escape before rendering)
 */
public record TestId(String className, String methodName, String displayName) {

  /** {@code SimpleClassName.method}: the key used for file names and table rows. */
  public String key() {
    int dot = className.lastIndexOf('.');
    String simple = className.substring(dot + 1).replace('$', '.');
    return simple + "." + methodName;
  }

  /**
   * Longest file name this gives, in UTF-8 bytes: file systems allow 255, and a little is kept for
   * the siblings made from it (the atomic write's temporary file has a short name of its own).
   */
  public static final int MAX_FILE_NAME_BYTES = 240;

  /**
   * File name (without directory) of this test's result and baseline: {@code <FQCN>.<method>.json};
   * when that would be longer than {@value #MAX_FILE_NAME_BYTES} bytes, its beginning and a hash of
   * the whole ({@code <beginning>~<16 hex digits>.json}), so that any name length works and two
   * long names never share a file.
   */
  public String fileName() {
    String whole = className + "." + methodName;
    if (whole.getBytes(StandardCharsets.UTF_8).length + ".json".length() <= MAX_FILE_NAME_BYTES) {
      return whole + ".json";
    }
    String hash = "~" + sha256Hex(whole).substring(0, 16) + ".json";
    return truncateUtf8(whole, MAX_FILE_NAME_BYTES - hash.length()) + hash;
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}, lower-case hex. */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes, never splitting a character. */
  static String truncateUtf8(String text, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) {
        break;
      }
      bytes += len;
      end += Character.charCount(cp);
    }
    return text.substring(0, end);
  }
}
