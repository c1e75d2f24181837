package dev.countersign.report;

import dev.countersign.check.CheckRow;
import java.util.List;

/**
 * The content of {@code report.json}: the check table as data.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param method comparison method
 * @param thresholdPercent default threshold
 * @param failed whether the gate found a failure
 * @param rows the rows
 */
public record ReportJson(
    int schemaVersion, String method, double thresholdPercent, boolean failed, List<Row> rows) {

  public static final int SCHEMA_VERSION = 1;

  /** One row; NaN numbers are written as null. */
  public record Row(String test, String metric, String source, Double baselinePerOp,
      Double currentPerOp, Double changePercent, Double ciLow, Double ciHigh, Double pValue,
      String verdict, String note) {}

  static ReportJson of(ReportModel model) {
    List<Row> rows = model.check().rows().stream().map(ReportJson::row).toList();
    return new ReportJson(SCHEMA_VERSION, model.method(), model.thresholdPercent(),
        model.failed(), rows);
  }

  private static Row row(CheckRow r) {
    return new Row(r.test(), r.metric(), r.source(), num(r.baseline()), num(r.current()),
        num(r.changePercent()),
        r.comparison().map(c -> num(c.ciLow())).orElse(null),
        r.comparison().map(c -> num(c.ciHigh())).orElse(null),
        r.comparison().map(c -> num(c.pValue())).orElse(null),
        r.verdict().name(), r.note());
  }

  private static Double num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
