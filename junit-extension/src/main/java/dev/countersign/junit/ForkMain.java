package dev.countersign.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Main class of a forked measurement JVM: runs one test method through the JUnit Platform
 * Launcher. Exit code 0 when it passed, 1 when it failed (the failure is printed), 2 when it was
 * not found.
 */
public final class ForkMain {

  private ForkMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ForkMain <test class> <method name>");
      System.exit(2);
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(args[0] + "#" + args[1]))
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTestsFoundCount() == 0) {
      System.err.println("no test " + args[0] + "#" + args[1] + " found in the forked JVM");
      System.exit(2);
    }
    if (summary.getTotalFailureCount() > 0) {
      summary.printFailuresTo(new PrintWriter(System.err, true), 20);
      System.exit(1);
    }
    System.exit(0);
  }
}
