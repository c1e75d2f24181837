package dev.countersign.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of a result or baseline file beyond its shape, made on each token as the file is
 * read (no tree of the file is built): every string (and key) free of control characters, since
 * names and notes reach the build log, where a newline could forge a line such as {@code [INFO]
 * BUILD SUCCESS}; every sample a finite number ≥ 0, as all of them are counts, times, bytes or
 * throughputs; fractions counted within [0, 1]; the configuration's counts whole numbers in range.
 * The first failure stops the read; {@link #problem()} names the field (as a JSON path), and
 * {@link #fail} turns it into the error for the file with what to do.
 */
final class FileValidation extends JsonParserDelegate {

  /** A numeric field that must be a whole number of at least {@code min}. */
  private record WholeAtLeast(long min) {}

  private static final Map<String, WholeAtLeast> WHOLE = Map.of(
      "warmup", new WholeAtLeast(0),
      "iterations", new WholeAtLeast(1),
      "opsPerInvocation", new WholeAtLeast(1),
      "forks", new WholeAtLeast(1),
      "cpus", new WholeAtLeast(0));

  /** Thrown by the parser at the first problem, so that the read stops there. */
  private static final class Invalid extends IOException {
    Invalid(String problem) {
      super(problem);
    }
  }

  private final boolean countersignFields;
  private String problem;

  /** Checks a Countersign file: control characters, and the fields named above. */
  FileValidation(JsonParser in) {
    this(in, true);
  }

  /**
   * @param countersignFields whether the rules of Countersign's fields apply ({@code perOp},
   *     {@code iterations}, ...), or only that no string holds a control character (another
   *     tool's file, such as JMH's)
   */
  FileValidation(JsonParser in, boolean countersignFields) {
    super(in);
    this.countersignFields = countersignFields;
  }

  /** The first problem found, e.g. {@code field 'runs[0].metrics[0].perOp[1]' is -101.0: ...}. */
  Optional<String> problem() {
    return Optional.ofNullable(problem).map(p -> "field " + p);
  }

  /** The error for {@code file} with {@code problem}, saying what to do. */
  static CountersignFileException fail(Path file, String problem, String what, Throwable cause) {
    return new CountersignFileException(file, problem + "; "
        + ("baseline".equals(what)
            ? "a baseline holds what 'mvn countersign:baseline' wrote: revert the hand edit"
                + " (git checkout) or delete the file and record it again"
            : "results are written by the tests: run them again ('mvn clean verify')"), cause);
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t = delegate.nextToken();
    if (t != null && problem == null) {
      problem = check(t);
      if (problem != null) {
        throw new Invalid(problem);
      }
    }
    return t;
  }

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken t = nextToken();
    return t == JsonToken.FIELD_NAME ? nextToken() : t;
  }

  /** Skips through {@link #nextToken}, so that what is not mapped (unknown fields) is checked. */
  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken t = currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0 && (t = nextToken()) != null) {
      if (t.isStructStart()) {
        open++;
      } else if (t.isStructEnd()) {
        open--;
      }
    }
    return this;
  }

  private String check(JsonToken t) throws IOException {
    if (t == JsonToken.FIELD_NAME) {
      String key = currentName();
      return control(key).map(c -> "name '" + Printable.of(key) + "' contains the control"
          + " character " + c).orElse(null);
    }
    if (t.isStructEnd()) {
      return null;
    }
    // where this value sits: for an object or array it opens, the context around it
    JsonStreamContext at = t.isStructStart() ? getParsingContext().getParent()
        : getParsingContext();
    if (at == null || at.inRoot()) {
      return null;
    }
    String rule = null;
    if (!countersignFields) {
      // only the check of strings below
    } else if (at.inArray()) {
      JsonStreamContext owner = at.getParent();
      String field = owner != null && owner.inObject() ? owner.getCurrentName() : "";
      rule = switch (field == null ? "" : field) {
        case "perOp" -> number(t, at, 0, Double.MAX_VALUE, "a sample is a count, time, size or"
            + " throughput per operation: a finite number ≥ 0");
        case "fractionCounted" -> number(t, at, 0, 1, "the fraction of the time a counter ran is"
            + " between 0 and 1");
        case "fork" -> whole(t, at, 0);
        default -> null;
      };
    } else {
      String field = at.getCurrentName();
      WholeAtLeast w = WHOLE.get(field);
      if (w != null && t.isNumeric()) {
        rule = whole(t, at, w.min());
      } else if ("limitPerOp".equals(field) || "percent".equals(field)) {
        rule = number(t, at, 0, Double.MAX_VALUE, "a limit is a finite number ≥ 0");
      }
    }
    if (rule == null && t == JsonToken.VALUE_STRING) {
      String text = getText();
      rule = control(text).map(c -> name(at) + " contains the control character " + c + ": '"
          + Printable.of(text) + "'").orElse(null);
    }
    return rule;
  }

  private String number(JsonToken t, JsonStreamContext at, double min, double max, String rule)
      throws IOException {
    if (!t.isNumeric()) {
      return name(at) + " is " + kind(t) + ", not a number: " + rule;
    }
    double v = getDoubleValue();
    return v >= min && v <= max && Double.isFinite(v) ? null
        : name(at) + " is " + getText() + ": " + rule;
  }

  private String whole(JsonToken t, JsonStreamContext at, long min) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || getNumberType() == NumberType.BIG_INTEGER
        || getLongValue() < min) {
      String shown = t == JsonToken.VALUE_STRING ? "\"" + getText() + "\""
          : t.isScalarValue() ? getText() : kind(t);
      return name(at) + " is " + Printable.of(shown) + ": it must be a whole number ≥ " + min;
    }
    return null;
  }

  /** "string", "boolean", "null", "object", "array", "number". */
  static String kind(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "string";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      default -> "number";
    };
  }

  private static Optional<String> control(String s) {
    int i = Printable.firstControl(s);
    return i < 0 ? Optional.empty()
        : Optional.of(Printable.of(String.valueOf(s.charAt(i))) + " at position " + i);
  }

  /** {@code 'runs[0].metrics[0].perOp[1]'}: the JSON path of the value at {@code at}. */
  static String name(JsonStreamContext at) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.push((c.getParent() == null || c.getParent().inRoot() ? "" : ".")
            + c.getCurrentName());
      }
    }
    return "'" + String.join("", parts) + "'";
  }
}
