package dev.countersign.workloads.noise;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.PrintWriter;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Runs the six tests of the noise suite in this JVM (one "build" of the suite); exit 1 on failure. */
public final class RunSuite {

  static final Class<?>[] SUITE = {ChecksumNoise.class, EncoderNoise.class, HandOffNoise.class,
      PingPongNoise.class, SortNoise.class, MapNoise.class};

  private RunSuite() {}

  public static void main(String[] args) {
    var builder = request();
    for (Class<?> c : SUITE) {
      builder.selectors(selectClass(c));
    }
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(builder.build(), listener);
    if (listener.getSummary().getTotalFailureCount() > 0
        || listener.getSummary().getTestsSucceededCount() != SUITE.length) {
      listener.getSummary().printFailuresTo(new PrintWriter(System.err, true), 25);
      System.exit(1);
    }
    System.exit(0);
  }
}
