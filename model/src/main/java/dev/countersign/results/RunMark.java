package dev.countersign.results;

import java.util.List;

/**
 * The mark one test run (one run of the JUnit engine in one test JVM) leaves in its build's folder,
 * {@code <build folder>/runs/<run>.json}: written when the run begins, with {@code finished} null —
 * in a test JVM of a build with an id, when the launcher starts executing its test plan, before any
 * test; else at the run's first result — and written again when the run has ended, with the time
 * it ended and the result files it wrote. A mark without {@code finished} is a run still going on, or one that was
 * interrupted (its JVM killed, the machine stopped): its build's results are incomplete, and {@code
 * baseline} and {@code check} refuse them ({@link UnfinishedRuns}).
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param run the run's id, {@code <UTC start time to the microsecond>-<pid>}, the file's name
 * @param pid the id of the test JVM's process
 * @param started when the run began (ISO-8601, UTC)
 * @param finished when the run ended (ISO-8601, UTC); null while it has not
 * @param results the names of the result files the run wrote, once finished; empty before
 */
public record RunMark(
    int schemaVersion, String run, long pid, String started, String finished,
    List<String> results) {

  public static final int SCHEMA_VERSION = 1;

  public RunMark {
    results = List.copyOf(results);
  }

  public boolean hasFinished() {
    return finished != null;
  }

  /** This run, ended at {@code when} after writing {@code files}. */
  public RunMark finishedAt(String when, List<String> files) {
    return new RunMark(schemaVersion, run, pid, started, when, files);
  }
}
