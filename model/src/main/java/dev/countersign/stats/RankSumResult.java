package dev.countersign.stats;

/**
 * The outcome of a two-sided Wilcoxon–Mann–Whitney rank-sum test of {@code y} against {@code x}.
 *
 * @param u the U statistic of {@code y}: pairs (x, y) with y &gt; x, plus half the tied pairs; its
 *     null mean is {@code nx·ny/2}
 * @param pValue two-sided p-value, in [0, 1]
 * @param exact true when the p-value comes from the exact null distribution of U (no ties, small
 *     samples); false for the normal approximation with tie and continuity correction
 * @param ties whether any value occurs in both or within one sample more than once
 */
public record RankSumResult(double u, double pValue, boolean exact, boolean ties) {}
