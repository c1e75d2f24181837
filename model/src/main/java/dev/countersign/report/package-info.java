/**
 * The reports of a {@link dev.countersign.check.CheckReport}, each a rendering of one {@code
 * ReportModel} built once by {@link dev.countersign.report.Reports#writeAll}: {@code report.html}
 * (self-contained, SVG plots, written by the escape-by-default {@link
 * dev.countersign.report.HtmlWriter}), {@code report.json}, {@code summary.md} (also appended to
 * {@code $GITHUB_STEP_SUMMARY}), and exports in Bencher's and JMH's formats.
 */
package dev.countersign.report;
