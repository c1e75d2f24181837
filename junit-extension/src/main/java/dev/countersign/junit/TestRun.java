package dev.countersign.junit;

import dev.countersign.results.ResultStore;
import dev.countersign.results.RunMark;
import dev.countersign.results.TestResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * This run of the JUnit engine, as far as it writes results into its build's folder: it marks
 * itself started there before its first result ({@link ResultStore#startRun}) and finished, with
 * the files it wrote, when the engine closes its root store at the end of the run (JUnit's idiom
 * for "after all tests"). A run whose mark never becomes finished — its JVM killed, or still
 * running while {@code baseline} or {@code check} is run by hand — is refused by those goals.
 * Closed once; JUnit 5.13 and later close it as an {@link AutoCloseable}, older ones as a {@link
 * ExtensionContext.Store.CloseableResource}.
 */
@SuppressWarnings("deprecation") // CloseableResource: still what JUnit 5.10 to 5.12 close
final class TestRun implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  private final ResultStore store;
  private final RunMark started;
  private final List<String> written = new ArrayList<>();
  private boolean closed;

  private TestRun(ResultStore store, RunMark started) {
    this.store = store;
    this.started = started;
  }

  /** The run of this engine execution writing into {@code store}, started at its first call. */
  static TestRun of(ExtensionContext context, ResultStore store) {
    return context.getRoot().getStore(ExtensionContext.Namespace.create(TestRun.class))
        .getOrComputeIfAbsent(store.dir().toAbsolutePath().normalize().toString(),
            k -> new TestRun(store, store.startRun(Instant.now(), ProcessHandle.current().pid())),
            TestRun.class);
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
    store.finishRun(started, Instant.now(), written.stream().distinct().sorted().toList());
  }
}
