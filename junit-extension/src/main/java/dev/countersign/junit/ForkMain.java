package dev.countersign.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.PrintWriter;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The entry point of a fork: runs one {@code @PerfTest} method through the JUnit Platform
 * Launcher in this fresh JVM. The extension, seeing {@value dev.countersign.settings.Settings#FORK_INDEX}, measures
 * and writes its result to {@code countersign.resultsDir}; the parent JVM joins the forks.
 *
 * <p>Arguments: the test class name and the method name, with its parameter types when it has
 * parameters ({@code hash(int)}, as JUnit's fully qualified method names write them). Exit status 0 when the method ran and
 * passed, 1 otherwise (the failure is printed to standard error), 2 on bad arguments.
 */
public final class ForkMain {

  private ForkMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ForkMain <test class> <method>");
      System.exit(2);
    }
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request().selectors(args[1].contains("(")
        ? selectMethod(args[0] + "#" + args[1]) : selectMethod(args[0], args[1])).build(),
        listener);
    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTestsFoundCount() == 0) {
      System.err.println("no test " + args[0] + "#" + args[1] + " found on the class path of the"
          + " fork (is a JUnit Jupiter engine on the test class path?)");
      System.exit(1);
    }
    if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() == 0) {
      PrintWriter err = new PrintWriter(System.err, true);
      summary.printFailuresTo(err, 25);
      err.flush();
      System.exit(1);
    }
    System.exit(0);
  }
}
