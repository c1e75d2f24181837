package dev.countersign.changepoint;

/**
 * The E-statistic of Matteson and James over one window of a series, with α = 1: for a split
 * {@code τ} of {@code [a, κ)}, how much farther apart the values of {@code [a, τ)} and {@code [τ,
 * κ)} are from each other than within each, scaled by {@code m·n/(m+n)}. Pairwise distances are
 * summed from a two-dimensional prefix sum, so each candidate costs O(1) after O(w²) set-up.
 */
final class EnergyDivergence {

  private final int offset;
  private final int size;
  /** prefix[i][j] = Σ |x_p − x_q| over p < i, q < j, window-relative. */
  private final double[][] prefix;

  EnergyDivergence(double[] values, int from, int to) {
    offset = from;
    size = to - from;
    prefix = new double[size + 1][size + 1];
    for (int i = 0; i < size; i++) {
      double row = 0;
      for (int j = 0; j < size; j++) {
        row += Math.abs(values[from + i] - values[from + j]);
        prefix[i + 1][j + 1] = prefix[i][j + 1] + row;
      }
    }
  }

  /** A split and its statistic. */
  record Split(int index, double q) {}

  /**
   * The split of {@code [from, to)} (absolute indices, inside the window) whose statistic is
   * largest over every end {@code κ ≤ to}; null when the interval is shorter than 2.
   */
  Split best(int from, int to) {
    int a = from - offset;
    int b = to - offset;
    Split best = null;
    for (int tau = a + 1; tau < b; tau++) {
      double m = tau - a;
      double withinX = m < 2 ? 0 : rect(a, tau, a, tau) / (m * (m - 1));
      for (int kappa = tau + 1; kappa <= b; kappa++) {
        double n = kappa - tau;
        double between = 2 * rect(a, tau, tau, kappa) / (m * n);
        double withinY = n < 2 ? 0 : rect(tau, kappa, tau, kappa) / (n * (n - 1));
        double q = m * n / (m + n) * (between - withinX - withinY);
        if (best == null || q > best.q()) {
          best = new Split(tau + offset, q);
        }
      }
    }
    return best;
  }

  private double rect(int i0, int i1, int j0, int j1) {
    return prefix[i1][j1] - prefix[i0][j1] - prefix[i1][j0] + prefix[i0][j0];
  }
}
