package dev.countersign.junit;

import dev.countersign.results.ResultStore;
import dev.countersign.results.RunMark;
import dev.countersign.results.TestResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test run, as far as it writes results into its build's folder: it marks itself started there
 * ({@link ResultStore#startRun}) and finished, with the files it wrote, when it ends. A run whose
 * mark never becomes finished — its JVM killed, or still running while {@code baseline} or {@code
 * check} is run by hand — is refused by those goals.
 *
 * <p>In a test JVM that {@code prepare-agent} gave a build id, the run is the launcher's test plan:
 * {@link RunMarkListener} {@linkplain #begin begins} it before any test starts, so that a JVM
 * killed before its first result still leaves an unfinished mark, and ends it when the plan has
 * executed. Without a build id (a test run from an IDE), or when no listener began one (JUnit's
 * {@code EngineTestKit}, which calls no launcher listener), the run is the Jupiter engine's: begun
 * at its first result and ended when the engine closes its root store (JUnit's idiom for "after
 * all tests"); JUnit 5.13 and later close it as an {@link AutoCloseable}, older ones as a {@link
 * ExtensionContext.Store.CloseableResource}. Closed once.
 */
@SuppressWarnings("deprecation") // CloseableResource: still what JUnit 5.10 to 5.12 close
final class TestRun implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  /** The runs begun by the listener and not yet ended, by build folder; innermost (nested) first. */
  private static final Map<String, Deque<TestRun>> BEGUN = new ConcurrentHashMap<>();

  private final ResultStore store;
  private final RunMark started;
  private final List<String> written = new ArrayList<>();
  private final boolean begun;
  private boolean closed;

  private TestRun(ResultStore store, RunMark started, boolean begun) {
    this.store = store;
    this.started = started;
    this.begun = begun;
  }

  /**
   * Begins a run writing into {@code store} now, before any of its tests: its mark is written at
   * once. The results this JVM writes there until it is {@linkplain #close closed} are its.
   */
  static TestRun begin(ResultStore store) {
    TestRun run = new TestRun(store,
        store.startRun(Instant.now(), ProcessHandle.current().pid()), true);
    BEGUN.computeIfAbsent(key(store), k -> new ConcurrentLinkedDeque<>()).push(run);
    return run;
  }

  /**
   * The run writing into {@code store}: the one {@linkplain #begin begun} for it, else this engine
   * execution's, started at this first call.
   */
  static TestRun of(ExtensionContext context, ResultStore store) {
    Deque<TestRun> begunRuns = BEGUN.get(key(store));
    TestRun begunRun = begunRuns == null ? null : begunRuns.peek();
    if (begunRun != null) {
      return begunRun;
    }
    return context.getRoot().getStore(ExtensionContext.Namespace.create(TestRun.class))
        .getOrComputeIfAbsent(key(store),
            k -> new TestRun(store, store.startRun(Instant.now(), ProcessHandle.current().pid()),
                false),
            TestRun.class);
  }

  private static String key(ResultStore store) {
    return store.dir().toAbsolutePath().normalize().toString();
  }

  /** The run's mark as written when it started. */
  RunMark mark() {
    return started;
  }

  /** Writes a result of this run (through {@link ResultStore#write}) and notes its file. */
  Path write(TestResult result) {
    Path file = store.write(result);
    synchronized (this) {
      written.add(file.getFileName().toString());
    }
    return file;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (begun) {
      Deque<TestRun> runs = BEGUN.get(key(store));
      if (runs != null) {
        runs.remove(this);
      }
    }
    store.finishRun(started, Instant.now(), written.stream().distinct().sorted().toList());
  }
}
