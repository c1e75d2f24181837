package dev.countersign.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The between-run noise the build measured for each time-sensitive metric, as a floor under every
 * test's own: the largest, over the build's tests whose baseline measured that metric's noise, of
 * their standard deviations (log scale, {@link RunNoise}).
 *
 * <p>Why: a baseline of k runs estimates its between-run spread from k − 1 degrees of freedom, and
 * per-JVM outcomes of time are not normal but come in modes (measured on the 2-vCPU VM: a test's
 * CPU time at 0.4×, 1× or 2× per JVM). Three runs that landed in one mode agree within ±2%, and a
 * fourth in another mode is then "beyond the noise" although it is the same code: the one false
 * alarm of the noise suite's A/A (docs/statistics.md, "Between-run noise", noise floor). The
 * tests of one build ran on the same machine in the same JVMs: a change no larger than another
 * test of the build moved between runs of unchanged code is within the noise this machine and JVM
 * were measured to make, and no test is credited with less on the strength of its own few runs.
 * The largest, not a typical value: resampling 330 JVM runs of the noise module with the median
 * as the floor, the real {@code check} still gave a false REGRESSION in 3 of 100 builds against
 * three runs and 2 of 100 against eight (a test's rarer mode, 1.5× in one JVM of six, that its
 * own runs had missed).
 * The price: one test whose outcomes swing widely (a JIT decision) makes every test's time in
 * its build hard to gate against stored baselines; {@code compare} gates it.
 *
 * <p>Counts of work keep their own noise: they are not moved by the machine.
 */
final class NoiseFloor {

  private NoiseFloor() {}

  /** The measurements with each time-sensitive metric's noise raised to the build's largest. */
  static List<StatisticalComparator.Measured> apply(List<ComparisonRequest> requests,
      List<StatisticalComparator.Measured> measured, double confidence) {
    Map<String, List<Double>> sds = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      if (floored(requests.get(i), measured.get(i))) {
        sds.computeIfAbsent(requests.get(i).metric(), k -> new ArrayList<>())
            .add(measured.get(i).noise().sd());
      }
    }
    Map<String, Double> floors = new HashMap<>();
    sds.forEach((metric, l) -> floors.put(metric,
        l.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
    List<StatisticalComparator.Measured> out = new ArrayList<>(measured.size());
    for (int i = 0; i < requests.size(); i++) {
      StatisticalComparator.Measured m = measured.get(i);
      out.add(floored(requests.get(i), m)
          ? m.withNoise(m.noise().atLeast(floors.get(requests.get(i).metric()), confidence)) : m);
    }
    return out;
  }

  private static boolean floored(ComparisonRequest r, StatisticalComparator.Measured m) {
    return !m.exact() && r.timeSensitive() && m.noise().known()
        && Double.isFinite(m.noise().sd());
  }
}
