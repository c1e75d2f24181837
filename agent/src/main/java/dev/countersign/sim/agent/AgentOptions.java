package dev.countersign.sim.agent;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The options of {@code -javaagent:countersign-agent.jar=<options>}: comma-separated {@code
 * key=value} pairs. With none, everything the JVM loads is instrumented but the harness,
 * Countersign and the JDK classes {@link InstrumentationFilter} names; the options narrow that.
 *
 * <ul>
 *   <li>{@code classDirs=<dir>:<dir>} — instrument only classes loaded from these directories (the
 *       separator is the platform's path separator, {@code :} on Linux) and those of {@code
 *       includes}; {@code countersign:prepare-agent} passes the module's {@code target/classes}
 *       and {@code target/test-classes} together with its {@code includes};
 *   <li>{@code includes=<pattern>:<pattern>} — instrument only classes whose name matches (e.g.
 *       {@code com.example.*}; {@code *} matches any characters, {@code ?} one) and those of
 *       {@code classDirs};
 *   <li>{@code excludes=<pattern>:<pattern>} — never instrument these.
 * </ul>
 *
 * @param classDirs directories whose classes are instrumented
 * @param includes class-name patterns instrumented wherever they come from
 * @param excludes class-name patterns never instrumented
 */
public record AgentOptions(List<Path> classDirs, List<Pattern> includes, List<Pattern> excludes) {

  /** The option keys accepted. */
  public static final String SYNTAX =
      "classDirs=<dir>" + File.pathSeparator + "<dir>,includes=<pattern>:<pattern>,"
          + "excludes=<pattern>:<pattern> (all optional; patterns like com.example.*)";

  public AgentOptions {
    classDirs = List.copyOf(classDirs);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /**
   * The option string {@link #parse} reads back: what {@code countersign:prepare-agent} appends
   * to {@code -javaagent:<jar>=}. Each list may be empty; directories are joined with the
   * platform's path separator, patterns with {@code :}.
   */
  public static String format(List<String> classDirs, List<String> includes,
      List<String> excludes) {
    List<String> opts = new ArrayList<>();
    if (!classDirs.isEmpty()) {
      opts.add("classDirs=" + String.join(File.pathSeparator, classDirs));
    }
    if (!includes.isEmpty()) {
      opts.add("includes=" + String.join(":", includes));
    }
    if (!excludes.isEmpty()) {
      opts.add("excludes=" + String.join(":", excludes));
    }
    return String.join(",", opts);
  }

  /**
   * Parses the agent's option string ({@code null} or empty: defaults).
   *
   * @throws IllegalArgumentException saying what is wrong and what is valid
   */
  public static AgentOptions parse(String options) {
    List<Path> dirs = new ArrayList<>();
    List<Pattern> includes = new ArrayList<>();
    List<Pattern> excludes = new ArrayList<>();
    if (options == null || options.isBlank()) {
      return new AgentOptions(dirs, includes, excludes);
    }
    for (String part : options.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("option '" + part + "' is not key=value; expected "
            + SYNTAX);
      }
      String key = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      switch (key) {
        case "classDirs" -> {
          for (String d : value.split(Pattern.quote(File.pathSeparator))) {
            if (!d.isBlank()) {
              try {
                dirs.add(Paths.get(d).toAbsolutePath().normalize());
              } catch (RuntimeException e) {
                throw new IllegalArgumentException("classDirs entry '" + d + "' is not a valid path: "
                    + e.getMessage());
              }
            }
          }
        }
        case "includes" -> includes.addAll(patterns(key, value));
        case "excludes" -> excludes.addAll(patterns(key, value));
        default -> throw new IllegalArgumentException("unknown option '" + key + "'; expected "
            + SYNTAX);
      }
    }
    return new AgentOptions(dirs, includes, excludes);
  }

  private static List<Pattern> patterns(String key, String value) {
    List<Pattern> out = new ArrayList<>();
    for (String p : value.split(":")) {
      String s = p.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (!s.matches("[\\w.$*?]+")) {
        throw new IllegalArgumentException(key + " pattern '" + s + "' may contain only class-name"
            + " characters, '.', '$', '*' and '?' (e.g. com.example.*)");
      }
      StringBuilder regex = new StringBuilder();
      for (char c : s.toCharArray()) {
        switch (c) {
          case '*' -> regex.append(".*");
          case '?' -> regex.append('.');
          case '.', '$' -> regex.append('\\').append(c);
          default -> regex.append(c);
        }
      }
      out.add(Pattern.compile(regex.toString()));
    }
    return out;
  }
}
