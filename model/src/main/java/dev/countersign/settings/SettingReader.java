package dev.countersign.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads and parses the value of a setting from a key-to-value lookup, for {@link Settings}: a
 * blank value counts as absent; a value that cannot be used is an {@link
 * InvalidSettingException} naming where it came from, the key, the value and what to give
 * instead.
 */
final class SettingReader {

  private final UnaryOperator<String> lookup;
  private final String origin;

  SettingReader(UnaryOperator<String> lookup, String origin) {
    this.lookup = lookup;
    this.origin = origin;
  }

  String origin() {
    return origin;
  }

  /** The value of {@code key}, stripped; empty when absent or blank. */
  Optional<String> string(String key) {
    String v = lookup.apply(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** The value of {@code key} as a whole number, or {@code fallback} when absent. */
  int integer(String key, int fallback) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw invalid(key, v.get(), "is not a whole number");
    }
  }

  /** The value of {@code key} as a finite number ≥ 0, or {@code fallback} when absent. */
  double nonNegative(String key, double fallback) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v.get());
      if (d >= 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, v.get(), "is not a finite number ≥ 0 (default " + fallback + ")");
  }

  /** The value of {@code key} as {@code true} or {@code false}, or {@code fallback} when absent. */
  boolean flag(String key, boolean fallback) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return fallback;
    }
    return switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, v.get(), "is neither true nor false");
    };
  }

  /**
   * The value of {@code key} as a duration in seconds: a number of seconds, or with a unit {@code
   * ms}, {@code s} or {@code m}; {@code 0} when absent.
   */
  double seconds(String key) {
    Optional<String> value = string(key);
    if (value.isEmpty()) {
      return 0;
    }
    String v = value.get().toLowerCase(Locale.ROOT);
    double scale = 1;
    if (v.endsWith("ms")) {
      scale = 1e-3;
      v = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      v = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      scale = 60;
      v = v.substring(0, v.length() - 1);
    }
    try {
      double s = Double.parseDouble(v.strip()) * scale;
      if (s >= 0 && Double.isFinite(s)) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, value.get(),
        "is not a duration; give seconds ≥ 0 such as 30, 30s, 500ms or 2m (0 = off)");
  }

  /** The value of {@code key} split at commas, blanks dropped; empty when absent. */
  List<String> list(String key) {
    List<String> out = new ArrayList<>();
    for (String s : string(key).orElse("").split(",")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return List.copyOf(out);
  }

  /** The value of {@code key} as a path, or {@code fallback} when absent. */
  Path path(String key, String fallback) {
    return Path.of(string(key).orElse(fallback));
  }

  private InvalidSettingException invalid(String key, String value, String problem) {
    return new InvalidSettingException(origin + " " + key + "='" + value + "' " + problem);
  }
}
