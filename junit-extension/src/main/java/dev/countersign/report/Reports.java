package dev.countersign.report;

import dev.countersign.check.CheckReport;
import dev.countersign.results.JsonFiles;
import java.nio.file.Path;
import java.util.List;

/** Writes the reports of a {@code check} into a directory ({@code target/countersign}). */
public final class Reports {

  private Reports() {}

  /**
   * Writes every report and returns the files written.
   *
   * @param report what check found
   * @param dir the report directory
   */
  public static List<Path> writeAll(CheckReport report, Path dir) {
    Path json = dir.resolve("report.json");
    JsonFiles.write(json, ReportJson.of(report));
    return List.of(json);
  }
}
