package dev.countersign.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * What makes a build's results incomplete: test runs that wrote results but have not marked
 * themselves finished ({@link RunMark}) — still running (two builds at once in one workspace, a
 * goal run by hand while the build goes on) or interrupted (a killed test JVM) — and result files
 * that no finished run wrote. {@code baseline} refuses to promote such results, {@code check} to
 * pass on them: a test not yet run, or never run, would otherwise be left out without a word.
 *
 * @param running the unfinished runs whose process is alive on this machine
 * @param interrupted the unfinished runs whose process has ended
 * @param unmarked result files no finished run lists (written by a Countersign that did not mark
 *     its runs, or put there by hand), when no run is unfinished
 */
public record UnfinishedRuns(List<RunMark> running, List<RunMark> interrupted,
    List<String> unmarked) {

  /** The state of a build's results, looking up processes on this machine. */
  public static UnfinishedRuns of(ResultStore store) {
    return of(store, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  /**
   * @param alive whether a process id is alive on this machine
   * @throws CountersignFileException when a run mark cannot be read
   */
  static UnfinishedRuns of(ResultStore store, LongPredicate alive) {
    List<RunMark> running = new ArrayList<>();
    List<RunMark> interrupted = new ArrayList<>();
    Set<String> listed = new TreeSet<>();
    for (RunMark mark : store.runs()) {
      if (mark.hasFinished()) {
        listed.addAll(mark.results());
      } else if (alive.test(mark.pid())) {
        running.add(mark);
      } else {
        interrupted.add(mark);
      }
    }
    List<String> unmarked = new ArrayList<>();
    if (running.isEmpty() && interrupted.isEmpty()) {
      for (Path f : store.files()) {
        if (!listed.contains(f.getFileName().toString())) {
          unmarked.add(f.getFileName().toString());
        }
      }
    }
    return new UnfinishedRuns(running, interrupted, unmarked);
  }

  public boolean isEmpty() {
    return running.isEmpty() && interrupted.isEmpty() && unmarked.isEmpty();
  }

  /**
   * What is wrong and what to do, for the goal that refuses ({@code nothing was promoted}, say);
   * empty when the results are complete.
   */
  public Optional<String> problem(Path buildDir, String refused) {
    return problem(buildDir, refused, (running.isEmpty() ? "Run"
        : "Wait for that build to end, then run this goal again; or run")
        + " the tests again ('mvn verify') and then this goal. The results are left as they are.");
  }

  /**
   * What is wrong, what {@code refused} says was not done, then {@code remedy}, for a goal whose
   * remedy is not to run the tests again by hand ({@code compare}, whose rounds are its own
   * builds); empty when the results are complete.
   */
  public Optional<String> problem(Path buildDir, String refused, String remedy) {
    if (isEmpty()) {
      return Optional.empty();
    }
    StringBuilder s = new StringBuilder("the results in " + buildDir + " are incomplete: ");
    List<String> parts = new ArrayList<>();
    for (RunMark r : running) {
      parts.add("the test run " + r.run() + " (process " + r.pid() + ", started " + r.started()
          + ") is still running");
    }
    for (RunMark r : interrupted) {
      parts.add("the test run " + r.run() + " (process " + r.pid() + ", started " + r.started()
          + ") was interrupted: its process ended before the run did (a killed or crashed test"
          + " JVM), so the tests after it never ran");
    }
    if (!unmarked.isEmpty()) {
      parts.add(unmarked.size() + " result file(s) were written by no test run that finished ("
          + String.join(", ", unmarked.size() > 5 ? unmarked.subList(0, 5) : unmarked)
          + (unmarked.size() > 5 ? ", ..." : "") + "): an older Countersign, which did not mark"
          + " its runs, or files put there by hand");
    }
    s.append(String.join("; ", parts)).append(". ").append(refused).append(". ").append(remedy);
    return Optional.of(s.toString());
  }
}
