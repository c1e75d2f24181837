package dev.countersign.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exports trends in the CSV form Apache Otava imports ({@code type: csv}): one file per trend
 * with the columns {@code time, commit, branch, build, median}, and an {@code otava.yaml} naming
 * them all, so that {@code otava analyze --config-file otava.yaml <trend>} reads them as they are.
 * Otava refuses a file with several branches unless {@code --branch} selects one.
 */
public final class OtavaCsv {

  /** Otava parses times with dateparser; this form is unambiguous to it. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private OtavaCsv() {}

  /** The CSV text of one trend. */
  public static String csv(Trend trend) {
    StringBuilder s = new StringBuilder("time,commit,branch,build,median\n");
    for (TrendPoint p : trend.points()) {
      s.append(TIME.format(p.build().builtAt())).append(',').append(field(p.build().commit()))
          .append(',').append(field(p.build().branch())).append(',')
          .append(field(p.build().buildId())).append(',').append(p.median()).append('\n');
    }
    return s.toString();
  }

  /** Otava's test name of a trend: letters, digits, dots, dashes and underscores only. */
  public static String name(SeriesKey k) {
    String meaning = k.meaning().isEmpty() ? ""
        : "." + String.format("%08x", k.meaning().hashCode());
    return (k.testKey() + "." + k.metric() + "." + k.source().id() + meaning + "." + k.unit() + "."
        + k.environment().substring(0, Math.min(8, k.environment().length())))
        .replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Writes one CSV per trend and {@code otava.yaml} into {@code dir}; returns the files.
   *
   * @throws IOException when the directory cannot be written
   */
  public static List<Path> write(Path dir, List<Trend> trends) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    StringBuilder yaml = new StringBuilder("# Apache Otava configuration written by Countersign:"
        + " otava analyze --config-file otava.yaml <test>\ntests:\n");
    for (Trend t : trends) {
      String name = name(t.key());
      Path file = dir.resolve(name + ".csv");
      Files.writeString(file, csv(t), StandardCharsets.UTF_8);
      files.add(file);
      yaml.append("  ").append(name).append(":\n    type: csv\n    file: ")
          .append(quote(file.toAbsolutePath().toString()))
          .append("\n    time_column: time\n    attributes: [commit, build]\n"
              + "    metrics: [median]\n    csv_options:\n      delimiter: \",\"\n"
              + "      quotechar: '\"'\n");
    }
    Path config = dir.resolve("otava.yaml");
    Files.writeString(config, yaml.toString(), StandardCharsets.UTF_8);
    files.add(config);
    return files;
  }

  private static String field(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  private static String quote(String v) {
    return "'" + v.replace("'", "''") + "'";
  }
}
