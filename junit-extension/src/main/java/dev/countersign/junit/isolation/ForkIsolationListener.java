package dev.countersign.junit.isolation;

import dev.countersign.junit.discovery.PerfTestMethods;
import dev.countersign.settings.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Keeps a {@code @PerfTest} from running beside the tests of the build's other test JVMs: with
 * Surefire's or Failsafe's {@code forkCount} above 1, several JVMs run test classes at once, and
 * JUnit's global resource lock, which keeps a {@code @PerfTest} alone inside its JVM, does not
 * reach them. Every test holds the build's {@link ForkIsolationLock} shared while it runs, every
 * {@code @PerfTest} exclusively, so it starts once the tests running elsewhere have finished and
 * the others wait for it.
 *
 * <p>Registered for the JUnit Platform launcher through {@code META-INF/services}. Active in the
 * test JVMs of a build that {@code prepare-agent} gave a build id ({@value Settings#BUILD_ID}),
 * unless {@value Settings#ISOLATE_FORKS}{@code =false}; inert in the JVMs the extension starts
 * itself (forks, plain passes), which run while their parent holds the lock. The lock file is
 * {@value #LOCK_FILE} in the results directory, so two builds of one module share it too.
 */
public final class ForkIsolationListener implements TestExecutionListener {

  /** The lock file's name inside the results directory ({@value Settings#RESULTS_DIR}). */
  public static final String LOCK_FILE = ".fork-isolation.lock";

  private final Map<String, Boolean> exclusiveByTest = new ConcurrentHashMap<>();
  private volatile ForkIsolationLock lock;

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    Settings settings = Settings.of(key -> plan.getConfigurationParameters().get(key).orElse(null),
        "JUnit configuration parameter (or system property)");
    if (!settings.flag(Settings.ISOLATE_FORKS, true) || settings.string(Settings.BUILD_ID).isEmpty()
        || settings.forkIndex() > 0 || settings.plainPass()) {
      return;
    }
    Path file = settings.resultsDir().resolve(LOCK_FILE);
    try {
      lock = ForkIsolationLock.open(file, ForkIsolationListener::log);
    } catch (IOException e) {
      log("cannot open " + file + " (" + e + "): with forkCount > 1 a @PerfTest of this JVM may run"
          + " beside tests of other test JVMs; check that the results directory is writable");
    }
  }

  @Override
  public void executionStarted(TestIdentifier test) {
    ForkIsolationLock l = lock;
    if (l == null || !test.isTest()) {
      return;
    }
    boolean perfTest = PerfTestMethods.isPerfTest(test.getSource());
    try {
      if (perfTest) {
        l.acquireExclusive(name(test));
      } else {
        l.acquireShared(name(test));
      }
      exclusiveByTest.put(test.getUniqueId(), perfTest);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    Boolean exclusive = exclusiveByTest.remove(test.getUniqueId());
    if (exclusive == null) {
      return;
    }
    if (exclusive) {
      lock.releaseExclusive();
    } else {
      lock.releaseShared();
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    ForkIsolationLock l = lock;
    lock = null;
    if (l != null) {
      try {
        l.close();
      } catch (IOException e) {
        log("cannot close the fork isolation lock: " + e);
      }
    }
  }

  /** "Class.method" for a method's test, as the check's table names it; else its display name. */
  private static String name(TestIdentifier test) {
    if (test.getSource().orElse(null) instanceof MethodSource ms) {
      String cls = ms.getClassName();
      return cls.substring(cls.lastIndexOf('.') + 1) + "." + ms.getMethodName();
    }
    return test.getDisplayName();
  }

  private static void log(String message) {
    System.out.println("[countersign] " + message);
  }
}
