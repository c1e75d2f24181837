package dev.countersign.report;

import dev.countersign.check.CheckReport;
import dev.countersign.results.CountersignFileException;
import dev.countersign.results.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the reports of a {@code check} into a directory ({@code target/countersign}): {@code
 * report.json}, {@code report.html}, {@code summary.md}, {@code bencher.json} (Bencher Metric
 * Format) and {@code jmh-result.json} (JMH's JSON format); and appends the summary to the file
 * named by {@code GITHUB_STEP_SUMMARY} when that variable is set. Each is rendered from one
 * {@link ReportModel}, built once.
 */
public final class Reports {

  /** The environment variable GitHub Actions sets to the job's step-summary file. */
  public static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

  private Reports() {}

  /**
   * What {@link #write} wrote, and what the build log says beside it.
   *
   * @param files the files written, the step summary last when it was appended to
   * @param environmentWarnings the build's environment warnings, each once with the tests it
   *     concerns ("baseline measured with another CPU: X (baseline) vs Y (current) (8 tests,
   *     e.g. a(), b(), c())"), as the reports show them: for the build log, where a verdict
   *     against a baseline measured elsewhere must not read as if it were measured here
   */
  public record Written(List<Path> files, List<String> environmentWarnings) {}

  /**
   * Writes every report and returns the files written, reading {@code GITHUB_STEP_SUMMARY} from
   * the process environment.
   *
   * @param report what check found
   * @param dir the report directory
   */
  public static List<Path> writeAll(CheckReport report, Path dir) {
    return write(report, dir, System.getenv()).files();
  }

  /**
   * Writes every report ({@link #writeAll(CheckReport, Path, Map)}) and returns the files written
   * with the environment warnings of the model they were rendered from, which is built once.
   */
  public static Written write(CheckReport report, Path dir) {
    return write(report, dir, System.getenv());
  }

  /**
   * Writes every report and returns the files written.
   *
   * @param report what check found
   * @param dir the report directory
   * @param env environment variables; {@value #STEP_SUMMARY}, when set and not blank, names a file
   *     the summary is appended to (created if missing)
   */
  public static List<Path> writeAll(CheckReport report, Path dir, Map<String, String> env) {
    return write(report, dir, env).files();
  }

  /**
   * As {@link #write(CheckReport, Path)}, with {@code env} as in {@link #writeAll(CheckReport,
   * Path, Map)}.
   */
  public static Written write(CheckReport report, Path dir, Map<String, String> env) {
    ReportModel model = ReportModel.of(report);
    List<Path> written = new ArrayList<>();
    Path json = dir.resolve("report.json");
    JsonFiles.write(json, ReportJson.of(model));
    written.add(json);

    Path html = dir.resolve("report.html");
    JsonFiles.writeString(html, HtmlReport.render(model));
    written.add(html);

    Path summary = dir.resolve("summary.md");
    String md = SummaryMarkdown.render(model, "report.html");
    JsonFiles.writeString(summary, md);
    written.add(summary);

    Path bencher = dir.resolve("bencher.json");
    JsonFiles.write(bencher, BencherExport.of(model));
    written.add(bencher);

    Path jmh = dir.resolve("jmh-result.json");
    JsonFiles.write(jmh, JmhExport.of(model));
    written.add(jmh);

    String stepSummary = env.get(STEP_SUMMARY);
    if (stepSummary != null && !stepSummary.isBlank()) {
      Path target = Path.of(stepSummary);
      try {
        Files.writeString(target, md + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new CountersignFileException(target, "cannot append the summary to "
            + STEP_SUMMARY + ": " + e, e);
      }
      written.add(target);
    }
    return new Written(List.copyOf(written), model.environmentWarnings().stream()
        .map(w -> w.warning() + " (" + w.whichTests() + ")")
        .toList());
  }
}
