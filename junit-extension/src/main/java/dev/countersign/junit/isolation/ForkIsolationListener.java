package dev.countersign.junit.isolation;

import dev.countersign.junit.discovery.PerfTestMethods;
import dev.countersign.settings.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
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
 * the others wait for it; every container (a test class, a nested class, a parameterized method)
 * holds it shared while none of its children runs, so that its {@code @BeforeAll} and {@code
 * @AfterAll} work never runs beside another JVM's {@code @PerfTest} either.
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
  /** The containers running, by unique id: each holds the lock shared while none of its children runs. */
  private final Map<String, Container> containers = new ConcurrentHashMap<>();
  private volatile ForkIsolationLock lock;

  /**
   * A container of the plan (a test class, a nested class, a parameterized or repeated method)
   * while it runs: its own work — {@code @BeforeAll}, {@code @AfterAll}, class-level extensions,
   * a parameter source — happens while none of its children runs, and then it holds the lock
   * shared, as a test does; while a child runs, the child's lock covers it. A {@code @PerfTest}
   * child could not take the lock exclusively while its own class held it shared.
   */
  private static final class Container {
    final String name;
    int runningChildren;
    boolean holds;

    Container(String name) {
      this.name = name;
    }
  }

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
    if (l == null) {
      return;
    }
    try {
      Container parent = test.getParentId().map(containers::get).orElse(null);
      if (parent != null) {
        childStarts(l, parent);
      }
      if (!test.isTest()) {
        if (test.isContainer() && test.getParentId().isPresent()) { // not an engine's root
          Container c = new Container(containerName(test));
          l.acquireShared(c.name);
          c.holds = true;
          containers.put(test.getUniqueId(), c);
        }
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
    ForkIsolationLock l = lock;
    if (l == null) {
      return;
    }
    Boolean exclusive = exclusiveByTest.remove(test.getUniqueId());
    if (exclusive != null) {
      if (exclusive) {
        l.releaseExclusive();
      } else {
        l.releaseShared();
      }
    }
    Container done = containers.remove(test.getUniqueId());
    if (done != null) {
      synchronized (done) {
        if (done.holds) {
          done.holds = false;
          l.releaseShared();
        }
      }
    }
    Container parent = test.getParentId().map(containers::get).orElse(null);
    if (parent != null) {
      try {
        childEnds(l, parent);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Before a child's own lock: the first child to start releases its container's share. */
  private static void childStarts(ForkIsolationLock l, Container parent) {
    synchronized (parent) {
      if (parent.runningChildren++ == 0 && parent.holds) {
        parent.holds = false;
        l.releaseShared();
      }
    }
  }

  /** After a child's lock: the last child running gives its container the share back. */
  private static void childEnds(ForkIsolationLock l, Container parent)
      throws InterruptedException {
    synchronized (parent) {
      if (--parent.runningChildren == 0 && !parent.holds) {
        l.acquireShared(parent.name);
        parent.holds = true;
      }
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    ForkIsolationLock l = lock;
    lock = null;
    containers.clear();
    if (l != null) {
      try {
        l.close();
      } catch (IOException e) {
        log("cannot close the fork isolation lock: " + e);
      }
    }
  }

  /** "AlphaTest (class-level: @BeforeAll, @AfterAll)" for a class; "Class.method" for a method. */
  private static String containerName(TestIdentifier container) {
    if (container.getSource().orElse(null) instanceof ClassSource cs) {
      String cls = cs.getClassName();
      return cls.substring(cls.lastIndexOf('.') + 1) + " (class-level: @BeforeAll, @AfterAll)";
    }
    return name(container);
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
