package dev.countersign.perf;

import dev.countersign.results.Environment;
import dev.countersign.results.Environments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What this machine can measure and why not, for {@code mvn countersign:doctor}. */
public final class Doctor {

  private Doctor() {}

  /** The report, one line each. {@code testClasses} may be null. */
  public static List<String> report(Path testClasses) {
    Environment env = Environments.current();
    List<String> out = new ArrayList<>();
    out.add("os: " + env.os() + ", kernel " + env.kernel());
    out.add("cpu: " + env.cpuModel() + " x" + env.cpus() + ", " + env.virtualization());
    out.add("jvm: " + env.jvm());
    env.extra().forEach((k, v) -> out.add(k + ": " + v));
    return out;
  }
}
