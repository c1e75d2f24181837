package dev.countersign.report;

import dev.countersign.check.Sides;

import dev.countersign.results.CpuIdentity;
import dev.countersign.results.Environment;
import dev.countersign.results.RunConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The environment and configuration of a baseline and of the current run, field by field.
 *
 * @param lines one line per field
 */
record EnvironmentDiff(List<Line> lines) {

  /**
   * One field.
   *
   * @param label what the field is
   * @param baseline the baseline's value ("-" when there is no baseline)
   * @param current the current run's value
   * @param critical whether a difference makes the comparison doubtful (another kind of CPU, by
   *     {@link CpuIdentity}; another mode or virtualisation)
   */
  record Line(String label, String baseline, String current, boolean critical) {
    boolean differs() {
      return !baseline.equals(current);
    }

    boolean flagged() {
      return critical && differs();
    }
  }

  static EnvironmentDiff of(Environment baseEnv, RunConfiguration baseConf, Environment curEnv,
      RunConfiguration curConf) {
    List<Line> lines = new ArrayList<>();
    // the brand string differs between hosts for the same part: what is compared is CpuIdentity
    lines.add(line("CPU", baseEnv == null ? null : baseEnv.cpuModel(), curEnv.cpuModel(),
        baseEnv != null && !CpuIdentity.same(baseEnv, curEnv)));
    lines.add(line("mode", baseConf == null ? null : baseConf.mode(), curConf.mode(), true));
    lines.add(line("virtualisation", baseEnv == null ? null : baseEnv.virtualization(),
        curEnv.virtualization(), true));
    lines.add(line("CPUs", baseEnv == null ? null : String.valueOf(baseEnv.cpus()),
        String.valueOf(curEnv.cpus()), false));
    lines.add(line("kernel", baseEnv == null ? null : baseEnv.kernel(), curEnv.kernel(), false));
    lines.add(line("OS", baseEnv == null ? null : baseEnv.os(), curEnv.os(), false));
    lines.add(line("JVM", baseEnv == null ? null : baseEnv.jvm(), curEnv.jvm(), false));
    TreeSet<String> keys = new TreeSet<>(curEnv.extra().keySet());
    if (baseEnv != null) {
      keys.addAll(baseEnv.extra().keySet());
    }
    for (String k : keys) {
      lines.add(line(k, baseEnv == null ? null : baseEnv.extra().getOrDefault(k, "-"),
          curEnv.extra().getOrDefault(k, "-"), false));
    }
    lines.add(line("iterations", baseConf == null ? null : String.valueOf(baseConf.iterations()),
        String.valueOf(curConf.iterations()), false));
    lines.add(line("warm-up", baseConf == null ? null : String.valueOf(baseConf.warmup()),
        String.valueOf(curConf.warmup()), false));
    lines.add(line("ops per invocation",
        baseConf == null ? null : String.valueOf(baseConf.opsPerInvocation()),
        String.valueOf(curConf.opsPerInvocation()), false));
    lines.add(line("forks", baseConf == null ? null : String.valueOf(baseConf.forks()),
        String.valueOf(curConf.forks()), false));
    return new EnvironmentDiff(lines);
  }

  private static Line line(String label, String base, String cur, boolean critical) {
    return new Line(label, base == null ? "-" : base, Objects.requireNonNullElse(cur, "-"),
        critical && base != null);
  }

  /**
   * The critical fields that differ: "baseline measured with another CPU: X (baseline) vs Y
   * (current)", or with {@code compare}'s sides "A measured with another CPU: X (A) vs Y (B)".
   */
  List<String> warnings(Sides sides) {
    return lines.stream().filter(Line::flagged)
        .map(l -> sides.first() + " measured with another " + l.label() + ": " + l.baseline()
            + " (" + sides.first() + ") vs " + l.current() + " (" + sides.second() + ")")
        .toList();
  }
}
