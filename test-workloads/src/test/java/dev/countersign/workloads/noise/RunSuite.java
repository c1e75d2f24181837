package dev.countersign.workloads.noise;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.countersign.junit.PerfTest;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the noise suite in this JVM (one "build"); exit 1 on failure. Argument {@code module}: the
 * six-test module of the A/A figures ({@link #MODULE}); {@code all}: those and {@link PowerNoise}.
 */
public final class RunSuite {

  /** The A/A module: six tests, default metrics, two of them hand-offs between threads. */
  static final List<Class<?>> MODULE = List.of(ChecksumNoise.class, EncoderNoise.class,
      HandOffNoise.class, PingPongNoise.class, SortNoise.class, MapNoise.class);

  private RunSuite() {}

  /** The classes of {@code suite}, {@code module} or {@code all}. */
  static List<Class<?>> classes(String suite) {
    return switch (suite) {
      case "module" -> MODULE;
      case "all" -> Stream.concat(MODULE.stream(), Stream.of(PowerNoise.class)).toList();
      default -> throw new IllegalArgumentException("suite " + suite + ": give module or all");
    };
  }

  /** How many {@code @PerfTest}s {@code suite} has. */
  static int tests(String suite) {
    return (int) classes(suite).stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
        .filter(m -> m.isAnnotationPresent(PerfTest.class)).count();
  }

  public static void main(String[] args) {
    String suite = args.length > 0 ? args[0] : "module";
    var builder = request();
    classes(suite).forEach(c -> builder.selectors(selectClass(c)));
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(builder.build(), listener);
    if (listener.getSummary().getTotalFailureCount() > 0
        || listener.getSummary().getTestsSucceededCount() != tests(suite)) {
      listener.getSummary().printFailuresTo(new PrintWriter(System.err, true), 25);
      System.exit(1);
    }
    System.exit(0);
  }
}
