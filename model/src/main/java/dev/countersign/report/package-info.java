/**
 * Renderers of a {@link dev.countersign.check.CheckReport}: {@code report.html} (self-contained,
 * SVG plots), {@code report.json}, {@code summary.md} (also appended to
 * {@code $GITHUB_STEP_SUMMARY}), and exports in Bencher's and JMH's formats.
 */
package dev.countersign.report;
