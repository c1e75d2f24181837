package dev.countersign.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of a result or baseline file beyond its shape: every string (and key) free of
 * control characters, since names and notes reach the build log, where a newline could forge a
 * line such as {@code [INFO] BUILD SUCCESS}; every sample a finite number ≥ 0, as all of them are
 * counts, times, bytes or throughputs; fractions counted within [0, 1]; the configuration's
 * counts whole numbers in range. Each failure names the file, the field (as a JSON path) and what
 * to do.
 */
final class FileValidation {

  /** A numeric field that must be a whole number of at least {@code min}. */
  private record WholeAtLeast(long min) {}

  private static final Map<String, WholeAtLeast> WHOLE = Map.of(
      "warmup", new WholeAtLeast(0),
      "iterations", new WholeAtLeast(1),
      "opsPerInvocation", new WholeAtLeast(1),
      "forks", new WholeAtLeast(1),
      "cpus", new WholeAtLeast(0));

  private FileValidation() {}

  /**
   * @param what what the file is, for messages ("baseline", "result")
   * @throws CountersignFileException for the first problem found
   */
  static void check(Path file, JsonNode tree, String what) {
    problem(tree, "").ifPresent(p -> {
      throw new CountersignFileException(file, "field " + p + "; "
          + ("baseline".equals(what)
              ? "a baseline holds what 'mvn countersign:baseline' wrote: revert the hand edit"
                  + " (git checkout) or delete the file and record it again"
              : "results are written by the tests: run them again ('mvn clean verify')"));
    });
  }

  private static Optional<String> problem(JsonNode node, String path) {
    if (node.isTextual()) {
      return control(node.asText()).map(c -> name(path) + " contains the control character "
          + c + ": '" + Printable.of(node.asText()) + "'");
    }
    if (node.isArray()) {
      String field = lastField(path);
      for (int i = 0; i < node.size(); i++) {
        JsonNode e = node.get(i);
        String at = path + "[" + i + "]";
        Optional<String> p = switch (field) {
          case "perOp" -> number(e, at, 0, Double.MAX_VALUE, "a sample is a count, time, size or"
              + " throughput per operation: a finite number ≥ 0");
          case "fractionCounted" -> number(e, at, 0, 1, "the fraction of the time a counter ran is"
              + " between 0 and 1");
          case "fork" -> whole(e, at, 0);
          default -> problem(e, at);
        };
        if (p.isPresent()) {
          return p;
        }
      }
      return Optional.empty();
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        Optional<String> c = control(e.getKey());
        if (c.isPresent()) {
          return Optional.of("name '" + Printable.of(e.getKey()) + "' contains the control"
              + " character " + c.get());
        }
        WholeAtLeast w = WHOLE.get(e.getKey());
        Optional<String> p = w != null && e.getValue().isNumber() ? whole(e.getValue(), at, w.min())
            : e.getKey().equals("limitPerOp") || e.getKey().equals("percent")
                ? number(e.getValue(), at, 0, Double.MAX_VALUE, "a limit is a finite number ≥ 0")
                : problem(e.getValue(), at);
        if (p.isPresent()) {
          return p;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> number(JsonNode n, String at, double min, double max,
      String rule) {
    if (!n.isNumber()) {
      return Optional.of(name(at) + " is " + n.getNodeType().toString().toLowerCase()
          + ", not a number: " + rule);
    }
    double v = n.asDouble();
    return v >= min && v <= max && Double.isFinite(v) ? Optional.empty()
        : Optional.of(name(at) + " is " + n.asText() + ": " + rule);
  }

  private static Optional<String> whole(JsonNode n, String at, long min) {
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min) {
      return Optional.of(name(at) + " is " + Printable.of(n.toString()) + ": it must be a whole"
          + " number ≥ " + min);
    }
    return Optional.empty();
  }

  private static Optional<String> control(String s) {
    int i = Printable.firstControl(s);
    return i < 0 ? Optional.empty()
        : Optional.of(Printable.of(String.valueOf(s.charAt(i))) + " at position " + i);
  }

  private static String name(String path) {
    return "'" + path + "'";
  }

  private static String lastField(String path) {
    String p = path.replaceAll("\\[\\d+]$", "");
    int dot = p.lastIndexOf('.');
    return dot < 0 ? p : p.substring(dot + 1);
  }
}
