/**
 * The gate: reads this build's results and the baselines, judges every metric with
 * {@link dev.countersign.stats}, and assembles the {@link dev.countersign.check.CheckReport} the log
 * table and every report render. The Maven {@code check} goal is a thin layer over
 * {@link dev.countersign.check.Check}.
 */
package dev.countersign.check;
