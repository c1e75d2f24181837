package dev.countersign.junit;

import dev.countersign.results.BuildId;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.settings.Settings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Marks each test plan that a test JVM of a build executes as a test run of that build ({@link
 * TestRun}), before its first test starts and so before its first result: a JVM killed before any
 * {@code @PerfTest} wrote a result (a crash in an earlier test class of the same Surefire fork)
 * leaves an unfinished mark, and {@code check}, {@code baseline} and {@code compare} refuse the
 * build's results as interrupted instead of finding a complete-looking build with fewer tests. Its
 * mark is finished, with the result files the plan's tests wrote, once the plan has executed.
 *
 * <p>Registered for the JUnit Platform launcher through {@code META-INF/services}. Active in the
 * test JVMs of a build that {@code prepare-agent} gave a build id ({@value Settings#BUILD_ID}),
 * every plan, whether or not it holds a {@code @PerfTest} (a JVM killed in a plan without one may
 * have been given one next); inert in the JVMs the extension starts itself (forks, plain passes),
 * which mark nothing, and without a build id, where the engine's first result begins the run.
 */
public final class RunMarkListener implements TestExecutionListener {

  private final Map<TestPlan, TestRun> runs = new ConcurrentHashMap<>();

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    Settings settings = Settings.of(key -> plan.getConfigurationParameters().get(key).orElse(null),
        "JUnit configuration parameter (or system property)");
    String build = settings.string(Settings.BUILD_ID).orElse("");
    if (build.isBlank() || settings.forkIndex() > 0 || settings.plainPass()) {
      return;
    }
    try {
      runs.put(plan, TestRun.begin(
          new ResultsDirectory(settings.resultsDir()).startIfAbsent(new BuildId(build))));
    } catch (RuntimeException e) {
      // the first result begins the run instead; should that fail too, the test fails there
      System.out.println("[countersign] cannot mark the start of this test run in "
          + settings.resultsDir() + " (" + e.getMessage() + "); it is marked at its first result");
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    TestRun run = runs.remove(plan);
    if (run != null) {
      run.close();
    }
  }
}
