package dev.countersign.junit;

import dev.countersign.events.EventSpec;
import dev.countersign.results.BuildId;
import dev.countersign.results.JvmAgents;
import dev.countersign.results.TestId;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Derivations;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Measurements;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeProviders;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.runner.Workload;
import dev.countersign.settings.Settings;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time and kernel metrics are never measured on instrumented code. In {@code auto} and {@code
 * perf} mode, when the simulator's agent is attached to the test JVM, a test runs in two passes:
 *
 * <ol>
 *   <li>the <em>plain pass</em>, a fresh JVM started without Countersign's {@code -javaagent}
 *       ({@link Forks#runPlainPass}), runs warm-up and iterations and measures everything the
 *       kernel, the PMU and the JVM give ({@code task-clock}, faults, switches, tracepoints, the
 *       perf feed's inputs, {@code alloc-bytes} and GC) on the code as compiled;
 *   <li>the <em>instrumented pass</em>, in the test JVM, measures with the simulator alone what
 *       the plain pass could not (in {@code auto} only: {@code instructions}, {@code cycles}, the
 *       caches, the simulator's guest events, ...);
 * </ol>
 *
 * <p>then the VM-exit estimates are derived from both (the perf feed from the plain pass, the
 * simulator's feed from the instrumented one). Every value records the code it was measured on
 * ({@link dev.countersign.results.MeasuredCode}), part of its identity. A test that cannot run in
 * a JVM of its own (with parameters, an invocation of a test template) and {@code sim} mode
 * measure everything in the test JVM: those values are recorded as measured on instrumented code.
 */
final class PlainPass {

  private PlainPass() {}

  /**
   * Whether the test runs in two passes here: {@code auto} or {@code perf}, the agent attached
   * (its {@code -javaagent} option), this JVM not itself a plain pass, and the method runnable on
   * its own in another JVM.
   */
  static boolean applies(PerfTestSpec spec, Settings settings, Method method, boolean template) {
    return spec.mode() != Mode.SIM && AGENT_OPTION && !settings.plainPass()
        && method.getParameterCount() == 0 && !template;
  }

  /**
   * Whether this JVM was started with Countersign's {@code -javaagent}, which the plain pass's JVM
   * is started without (a runtime installed otherwise, as by the simulator's own tests, has no
   * option to drop: such a JVM measures in one pass).
   */
  private static final boolean AGENT_OPTION = JvmAgents.attachesCountersign(
      ManagementFactory.getRuntimeMXBean().getInputArguments());

  /**
   * What the plain JVM measures of {@code plan}: its events and the inputs of its derived metrics,
   * nothing derived (the instrumented JVM derives from both passes), after the same warm-up: the
   * plain pass measures the time metrics, which need the time-based warm-up most.
   */
  static RunPlan inPlainJvm(RunPlan plan, Settings settings) {
    Derivations derivations = Derivations.of(plan.derived(), ProbeProviders.derivers(settings));
    return new RunPlan(union(plan.events(), derivations.inputs(plan.request().mode())), List.of(),
        plan.warmup(), plan.iterations(), plan.opsPerInvocation(), plan.request(),
        plan.warmupSeconds());
  }

  /** Both passes of {@code plan} and the derivations; see the class comment. */
  static Measurement run(Method method, TestId id, PerfTestSpec spec, Settings settings,
      BuildId build, Path workDir, RunPlan plan, Workload workload) throws Throwable {
    Measurement plain = Forks.runPlainPass(method, id, spec, settings, build, workDir);
    Derivations derivations = Derivations.of(plan.derived(), ProbeProviders.derivers(settings));
    Mode mode = plan.request().mode();
    List<EventSpec> left = union(plan.events(), derivations.inputs(mode)).stream()
        .filter(e -> plain.metric(e.qualifiedName()).isEmpty()).toList();
    Measurement raw = plain;
    if (mode == Mode.AUTO && !left.isEmpty()) {
      // no time-based warm-up: simulated counts do not depend on how far the JIT got
      RunPlan simulated = new RunPlan(left, List.of(), plan.warmup(), plan.iterations(),
          plan.opsPerInvocation(), plan.request(), 0);
      raw = Measurements.beside(plain, SequentialSampling.of(spec, settings)
          .run(Runner.simulatorOnly(settings), simulated, workload));
    }
    Measurement derived = derivations.derive(raw);
    List<UnavailableMetric> missing = new ArrayList<>(derived.unavailable());
    missing.addAll(derivations.unsupported());
    return new Measurement(derived.opsPerInvocation(), derived.metrics(), missing,
        derived.guestActivity());
  }

  private static List<EventSpec> union(List<EventSpec> a, List<EventSpec> b) {
    Map<String, EventSpec> all = new LinkedHashMap<>();
    a.forEach(e -> all.put(e.qualifiedName(), e));
    b.forEach(e -> all.putIfAbsent(e.qualifiedName(), e));
    return List.copyOf(all.values());
  }
}
