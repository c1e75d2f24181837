package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A child JVM run as {@code nobody} (uid 65534, no capabilities) at {@code perf_event_paranoid} 2
 * and 3 gets a diagnosis, not a crash: user-space software events are counted, kernel-only events
 * are reported BLIND, the PMU event refused with its errno. Needs root (to switch user and set the
 * sysctl); the setting is restored afterwards on every path.
 */
class UnprivilegedTest {

  private static UnprivilegedJvm jvm;

  @BeforeAll
  static void sandbox() throws IOException {
    jvm = UnprivilegedJvm.create();
  }

  @AfterAll
  static void removeSandbox() throws IOException {
    if (jvm != null) {
      jvm.close();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void unprivilegedChildGetsTheRightDiagnosis(int level) throws Exception {
    Map<String, String> lines;
    String output = jvm.runAsNobody(level, UnprivilegedProbeMain.class, "page-faults",
        "context-switches", "timer:hrtimer_start", "cycles");
    System.out.print(output);
    lines = parse(output);
    assertTrue(output.contains("ACCESS perf_event_paranoid " + level
        + ", CAP_PERFMON no, CAP_SYS_ADMIN no"), output);
    assertFalse(output.contains("Exception"), output);
    // kernel-only events: never passed off as zeros
    assertTrue(lines.get("context-switches").startsWith("UNAVAILABLE BLIND"), output);
    assertTrue(lines.get("context-switches").contains("perf_event_paranoid " + level), output);
    assertTrue(lines.get("context-switches").contains("sysctl -w kernel.perf_event_paranoid=1"),
        output);
    assertTrue(lines.get("timer:hrtimer_start").startsWith("UNAVAILABLE BLIND"), output);
    // no PMU in this VM: refused with its errno whatever the level
    assertTrue(lines.get("cycles").startsWith("UNAVAILABLE "), output);
    assertFalse(lines.get("cycles").startsWith("UNAVAILABLE BLIND"), output);
    String faults = lines.get("page-faults");
    if (faults.startsWith("MEASURED")) {
      // mainline kernels treat every level >= 2 alike: user-space counting is allowed
      assertTrue(Double.parseDouble(faults.split(" ")[1]) >= 1000, output);
    } else {
      // a Debian/Ubuntu kernel refuses everything at >= 3, and says so
      assertEquals(3, level, output);
      assertTrue(faults.startsWith("UNAVAILABLE EACCES"), output);
      assertTrue(faults.contains("perf_event_paranoid=2"), output);
    }
  }

  private static Map<String, String> parse(String output) {
    Map<String, String> byEvent = new HashMap<>();
    for (String line : output.split("\n")) {
      String[] f = line.split(" ", 3);
      if (f.length == 3 && (f[0].equals("MEASURED") || f[0].equals("UNAVAILABLE"))) {
        byEvent.put(f[1], f[0] + " " + f[2]);
      }
    }
    for (String e : List.of("page-faults", "context-switches", "timer:hrtimer_start", "cycles")) {
      assertTrue(byEvent.containsKey(EventCatalog.parse(e).qualifiedName()),
          "no line for " + e + " in:\n" + output);
    }
    return byEvent;
  }
}
