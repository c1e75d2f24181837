package dev.countersign.junit;

import dev.countersign.results.BuildId;
import dev.countersign.results.Budget;
import dev.countersign.results.Environments;
import dev.countersign.results.JvmAgents;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Printable;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.runner.Workload;
import dev.countersign.settings.Settings;
import dev.countersign.stats.BudgetCheck;
import dev.countersign.stats.BudgetJudge;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link PerfTest} method as a measured workload: validates its annotations, runs it
 * {@code warmup} + {@code iterations} times on the test thread (so {@code @BeforeEach} and {@code
 * @AfterEach} run once around all of them), writes the result file, and fails the test when an
 * absolute budget is broken or cannot be judged. Comparison with the baseline is the {@code check}
 * goal's work.
 *
 * <p>Settings ({@link Settings}) are read through JUnit's configuration parameters, so {@code
 * junit-platform.properties}, Surefire's {@code configurationParameters} and system properties
 * all work. Results go to the folder of this build, {@code <countersign.resultsDir>/<build id>/}; the
 * results directory ({@link Settings#RESULTS_DIR}) defaults to {@code target/countersign/results} under the working directory
 * (the module, under Surefire). The build id is the setting {@value BuildId#PROPERTY}, which
 * {@code prepare-agent} passes to the test JVM; without it (a run from an IDE) each run of the
 * JUnit engine is a build of its own, with an id minted at its first {@code @PerfTest}.
 */
public final class CountersignExtension implements InvocationInterceptor, ExecutionCondition {

  /** The setting naming the results directory ({@link Settings#RESULTS_DIR}). */
  public static final String RESULTS_DIR_PROPERTY = Settings.RESULTS_DIR;

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> context,
      ExtensionContext extensionContext)
      throws Throwable {
    invocation.skip();
    Method method = context.getExecutable();
    if (isTemplate(method)) {
      return; // the plain run of a template (conditions deactivated): its invocations are measured
    }
    measure(context, extensionContext, PerfTestSpec.of(method, JUnitSettings.of(extensionContext)),
        // a display name may hold anything; the result file keeps it loggable (see Printable)
        new TestId(method.getDeclaringClass().getName(), method.getName(),
            Printable.of(extensionContext.getDisplayName())));
  }

  /**
   * One invocation of a {@code @ParameterizedTest}, {@code @RepeatedTest} or other test template:
   * measured as a test of its own, {@code method[<invocation>]} ({@link InvocationNames}).
   */
  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> context,
      ExtensionContext extensionContext)
      throws Throwable {
    invocation.skip();
    Method method = context.getExecutable();
    PerfTestSpec spec = PerfTestSpec.of(method, JUnitSettings.of(extensionContext));
    String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
    if (spec.forks() > 1) {
      throw new InvalidPerfTestException("@PerfTest(forks = " + spec.forks() + ") on " + where
          + ": the invocations of a test template (@ParameterizedTest, @RepeatedTest) cannot be"
          + " run in forks; use forks = 1");
    }
    String parent = extensionContext.getParent().map(ExtensionContext::getDisplayName).orElse("");
    measure(context, extensionContext, spec, new TestId(method.getDeclaringClass().getName(),
        InvocationNames.methodName(method.getName(), extensionContext.getDisplayName()),
        Printable.of(parent + " " + extensionContext.getDisplayName())));
  }

  /** A {@code @TestFactory}'s dynamic tests are not measured: said at once rather than ignored. */
  @Override
  public <T> T interceptTestFactoryMethod(
      Invocation<T> invocation,
      ReflectiveInvocationContext<Method> context,
      ExtensionContext extensionContext) {
    invocation.skip();
    Method method = context.getExecutable();
    throw new InvalidPerfTestException("@PerfTest on the @TestFactory "
        + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": dynamic tests"
        + " are not measured. Measure each case as its own test with @ParameterizedTest and a"
        + " @MethodSource giving the cases, or put @PerfTest on a plain method per case");
  }

  /**
   * A method with {@code @PerfTest} (a {@code @Test}) and a test template annotation ({@code
   * @ParameterizedTest}, {@code @RepeatedTest}) is discovered twice by JUnit: as a plain test and
   * as the template. Only the template's invocations are measured; the plain run, which has no
   * arguments, is disabled with the reason.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    if (method.isPresent() && isTemplate(method.get()) && isPlainTestMethod(context)) {
      String reason = templateSkipReason(method.get());
      // JUnit's discovery warning about the same method came first, without this explanation
      System.out.println("[countersign] " + reason);
      return ConditionEvaluationResult.disabled(reason);
    }
    return ConditionEvaluationResult.enabled("not the plain run of a @PerfTest test template");
  }

  /**
   * Why the plain run of a {@code @PerfTest} template is skipped, answering JUnit's discovery
   * warning about the method: the two annotations are meant, not a mistake.
   */
  static String templateSkipReason(Method m) {
    return m.getDeclaringClass().getSimpleName() + "." + m.getName() + ": @PerfTest (a @Test)"
        + " on a test template is measured per invocation of the template, and its plain @Test run"
        + " is skipped (one skipped test). JUnit's warning \"Possible configuration error ..."
        + " multiple competing annotations\" about this method is expected and harmless";
  }

  private static boolean isTemplate(Method m) {
    return AnnotationSupport.isAnnotated(m, TestTemplate.class);
  }

  /** The descriptor of a plain {@code @Test} method: its unique id ends in a "method" segment. */
  private static boolean isPlainTestMethod(ExtensionContext context) {
    String id = context.getUniqueId();
    int last = id.lastIndexOf("/[");
    return last >= 0 && id.startsWith("/[method:", last);
  }

  private void measure(ReflectiveInvocationContext<Method> context,
      ExtensionContext extensionContext, PerfTestSpec spec, TestId id) throws Throwable {
    Method method = context.getExecutable();
    Settings settings = JUnitSettings.of(extensionContext);
    Object target = context.getTarget().orElse(null);
    Object[] args = context.getArguments().toArray();
    method.setAccessible(true);

    RunPlan plan = new RunPlan(spec.events(), spec.derived(), spec.warmup(), spec.iterations(),
        spec.opsPerInvocation(), new ProbeRequest(spec.mode(), spec.threads()),
        settings.warmupSeconds(spec.measuresTime()));
    Runner runner = Runner.forMode(spec.mode(), settings);
    Workload workload = Workload.of(method, target, args);
    int forkIndex = settings.forkIndex();
    BuildId build = buildId(settings, extensionContext);
    ResultStore store = new ResultsDirectory(settings.resultsDir()).startIfAbsent(build);
    Measurement m;
    Path workDir = store.dir().resolve("forks").resolve(id.fileName().replace(".json", ""));
    boolean measuresOnly = forkIndex > 0 || settings.plainPass();
    if (spec.forks() > 1 && forkIndex == 0) {
      m = Forks.run(method, id, spec, settings, build, workDir);
    } else {
      if (settings.plainPass()) {
        m = SequentialSampling.of(spec, settings).run(Runner.plain(settings),
            PlainPass.inPlainJvm(plan, settings), workload);
      } else if (PlainPass.applies(spec, settings, method, isTemplate(method))) {
        m = PlainPass.run(method, id, spec, settings, build, workDir, plan, workload);
      } else {
        m = SequentialSampling.of(spec, settings).run(runner, plan, workload);
      }
      if (forkIndex > 0) {
        m = Forks.mark(m, forkIndex);
      }
    }

    RunConfiguration configured = spec.configuration();
    RunConfiguration ran = new RunConfiguration(configured.mode(), configured.warmup(),
        m.metrics().isEmpty() ? configured.iterations() : m.metrics().get(0).perOp().size(),
        configured.opsPerInvocation(), measuresOnly ? 1 : configured.forks(),
        JvmAgents.current(), RunConfiguration.currentJdk());
    TestResult result = new TestResult(TestResult.SCHEMA_VERSION, id, ran,
        Environments.current(), m.metrics(), m.unavailable(), spec.budgets(),
        spec.maxRegressions(), spec.informational(m));
    // a fork or plain pass writes into a folder of its own, which its test JVM reads at once
    Path file = measuresOnly ? store.write(result) : TestRun.of(extensionContext, store).write(result);
    extensionContext.publishReportEntry("countersign.result", file.toString());
    if (measuresOnly) {
      return; // a fork or plain pass only measures: the test JVM judges the budgets on all of them
    }

    List<String> failures = new ArrayList<>();
    List<String> broken = new ArrayList<>();
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
        broken.add(check.message());
      }
    }
    if (!broken.isEmpty() && settings.deferBudgets()) {
      // check judges the same budgets from the result file and fails the build, with its table
      String note = id.key() + " broke its budget, which countersign:check will fail the build on"
          + " (" + Settings.DEFER_BUDGETS + "=true):\n  - " + String.join("\n  - ", broken);
      extensionContext.publishReportEntry("countersign.deferredBudget", note);
      System.out.println("[countersign] " + note);
    } else {
      failures.addAll(broken);
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(id.key() + " broke its budget:\n  - "
          + String.join("\n  - ", failures) + "\n(result: " + file + ")");
    }
  }

  /**
   * This build's id: the setting {@value Settings#BUILD_ID}, else a {@linkplain BuildId#standalone
   * standalone} one minted for this run of the engine and kept in its root store.
   */
  static BuildId buildId(Settings settings, ExtensionContext context) {
    Optional<String> given = settings.string(Settings.BUILD_ID);
    if (given.isPresent()) {
      return new BuildId(given.get());
    }
    return context.getRoot().getStore(ExtensionContext.Namespace.create(CountersignExtension.class))
        .getOrComputeIfAbsent(BuildId.class,
            k -> BuildId.standalone(Instant.now(), ProcessHandle.current().pid()), BuildId.class);
  }
}
