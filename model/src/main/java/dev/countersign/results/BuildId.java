package dev.countersign.results;

import dev.countersign.settings.Settings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The identity of one build's test run: the name of the folder its results are written to
 * ({@code target/countersign/results/<build id>/}). {@code prepare-agent} mints one per Maven
 * session and passes it to the test JVMs as {@value #PROPERTY}; a test run without the plugin (an
 * IDE) mints its own. A CI may set its own ({@code -Dcountersign.buildId=$GITHUB_RUN_ID}).
 *
 * @param value letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or a
 *     digit, at most 100 characters, not {@value ResultsDirectory#LATEST}
 */
public record BuildId(String value) {

  /** The setting (system property, JUnit configuration parameter) carrying the build id. */
  public static final String PROPERTY = Settings.BUILD_ID;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  public BuildId {
    if (value == null || !VALID.matcher(value).matches() || value.equals(ResultsDirectory.LATEST)) {
      throw new IllegalArgumentException(PROPERTY + " is '" + Printable.of(value)
          + "': a build id is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or"
          + " a digit, and not '" + ResultsDirectory.LATEST + "' (it names a folder under the"
          + " results directory); leave it unset to let Countersign choose one");
    }
  }

  /**
   * A new id from a start time and the id of the process that starts the build: {@code
   * 20261201T120102.123Z-4711}. Two builds of one project started at once run in two processes,
   * so their ids differ.
   */
  public static BuildId mint(Instant start, long pid) {
    return new BuildId(STAMP.format(start) + "-" + pid);
  }

  /** The suffix of an id a test run minted for itself, without the plugin's. */
  static final String STANDALONE = "-standalone";

  /**
   * The id a test run mints for itself when it was given none (an IDE, or a test JVM whose {@code
   * argLine} replaced the one {@code prepare-agent} set): {@code 20261201T120102.123Z-4711-standalone},
   * so that the plugin can tell such a run from a build's.
   */
  public static BuildId standalone(Instant start, long pid) {
    return new BuildId(mint(start, pid).value() + STANDALONE);
  }

  /** Whether a test run minted this id for itself ({@link #standalone}). */
  public boolean isStandalone() {
    return value.endsWith(STANDALONE);
  }

  @Override
  public String toString() {
    return value;
  }
}
