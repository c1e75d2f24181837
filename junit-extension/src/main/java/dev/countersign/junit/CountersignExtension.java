package dev.countersign.junit;

import dev.countersign.results.Budget;
import dev.countersign.results.Environments;
import dev.countersign.results.JsonFiles;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultStore;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.ForkedMeasurement;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.stats.BudgetCheck;
import dev.countersign.stats.BudgetJudge;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link PerfTest} method as a measured workload: validates its annotations, runs it
 * {@code warmup} + {@code iterations} times on the test thread (so {@code @BeforeEach} and {@code
 * @AfterEach} run once around all of them) — or, with {@code forks > 1}, in that many fresh JVMs
 * — writes the result file, and fails the test when an absolute budget is broken or cannot be
 * judged. Comparison with the baseline is the {@code check} goal's work.
 *
 * <p>Results go to the directory of the system property {@code countersign.resultsDir}, default
 * {@code target/countersign/results} under the working directory (the module, under Surefire).
 */
public final class CountersignExtension implements InvocationInterceptor {

  /** System property naming the results directory. */
  public static final String RESULTS_DIR_PROPERTY = "countersign.resultsDir";

  /** Minutes a forked JVM may take before it is killed. */
  private static final long FORK_TIMEOUT_MINUTES = 30;

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> context,
      ExtensionContext extensionContext)
      throws Throwable {
    invocation.skip();
    Method method = context.getExecutable();
    PerfTestSpec spec = PerfTestSpec.of(method, System::getProperty);
    TestId id = new TestId(
        method.getDeclaringClass().getName(), method.getName(), extensionContext.getDisplayName());
    String forkOutput = System.getProperty(ForkedJvm.OUTPUT_PROPERTY);

    Measurement m;
    if (forkOutput == null && spec.forks() > 1) {
      m = measureInForks(method, spec, id);
    } else {
      m = measureHere(method, context, spec);
    }
    TestResult result = new TestResult(TestResult.SCHEMA_VERSION, id, spec.configuration(),
        Environments.current(), m.metrics(), m.unavailable(), spec.budgets(),
        spec.maxRegressions());
    if (forkOutput != null) {
      JsonFiles.write(Path.of(forkOutput), result); // the parent JVM judges and records
      return;
    }
    Path file = new ResultStore(resultsDir()).write(result);
    extensionContext.publishReportEntry("countersign.result", file.toString());
    judgeBudgets(spec, result, file);
  }

  private static Measurement measureHere(
      Method method, ReflectiveInvocationContext<Method> context, PerfTestSpec spec)
      throws Throwable {
    Object target = context.getTarget().orElse(null);
    Object[] args = context.getArguments().toArray();
    method.setAccessible(true);
    RunPlan plan = new RunPlan(spec.events(), spec.derived(), spec.warmup(), spec.iterations(),
        spec.opsPerInvocation(), new ProbeRequest(spec.mode(), spec.threads()));
    return Runner.forMode(spec.mode()).run(plan, () -> {
      try {
        method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  private static Measurement measureInForks(Method method, PerfTestSpec spec, TestId id)
      throws Exception {
    Path work = resultsDir().resolveSibling("forks").resolve(id.key());
    List<Measurement> forks = new ArrayList<>();
    for (int f = 1; f <= spec.forks(); f++) {
      Path out = ForkedJvm.run(method.getDeclaringClass(), method.getName(), f, work,
          FORK_TIMEOUT_MINUTES);
      TestResult r = JsonFiles.read(out, TestResult.class, TestResult.SCHEMA_VERSION,
          "forked measurement");
      forks.add(new Measurement(spec.opsPerInvocation(), r.metrics(), r.unavailable(), List.of()));
    }
    return ForkedMeasurement.merge(forks);
  }

  private static void judgeBudgets(PerfTestSpec spec, TestResult result, Path file) {
    List<String> failures = new ArrayList<>();
    for (Budget b : spec.budgets()) {
      Optional<MetricSeries> series = result.metric(b.metric());
      if (series.isEmpty()) {
        String why = result.unavailable().stream()
            .filter(u -> u.name().equals(b.metric()))
            .map(UnavailableMetric::describe)
            .findFirst()
            .orElse("not measured");
        failures.add("budget on " + b.metric() + " cannot be judged: it is unavailable here ("
            + why + ")");
        continue;
      }
      BudgetCheck check = BudgetJudge.judge(series.get(), b.limitPerOp());
      if (check.verdict().failsBuild()) {
        failures.add(check.message());
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(result.test().key() + " broke its budget:\n  - "
          + String.join("\n  - ", failures) + "\n(result: " + file + ")");
    }
  }

  static Path resultsDir() {
    String dir = System.getProperty(RESULTS_DIR_PROPERTY);
    return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(ResultStore.DEFAULT_DIR);
  }
}
