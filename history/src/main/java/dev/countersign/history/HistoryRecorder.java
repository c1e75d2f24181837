package dev.countersign.history;

import dev.countersign.check.CheckReport;
import java.util.Optional;

/**
 * The hook {@code check} calls after its verdict: appends the build to the history. It never
 * throws: a store that cannot be reached or written gives a warning with the reason, and the
 * verdict and the results files are untouched.
 */
public final class HistoryRecorder {

  private HistoryRecorder() {}

  /** What became of the append: a line for the build log, and whether it is a warning. */
  public record Outcome(String message, boolean warning) {}

  public static Outcome record(Optional<StoreLocation> location, BuildInfo build,
      CheckReport report) {
    if (location.isEmpty()) {
      return new Outcome("Countersign history: off (" + StoreLocation.URL_KEY + "="
          + StoreLocation.DISABLED + ")", false);
    }
    HistoryEntries entries = HistoryEntries.of(build.module(), report);
    try (HistoryStore store = HistoryStore.open(location.get())) {
      HistoryStore.Appended a = store.append(build, entries.environments(), entries.entries());
      return new Outcome(a == HistoryStore.Appended.RECORDED
          ? "Countersign history: recorded build " + build.buildId() + " (" + build.shortCommit()
              + " on " + build.branch() + ", " + entries.entries().size() + " series) in "
              + location.get()
          : "Countersign history: build " + build.buildId() + " is already in " + location.get()
              + "; not recorded again", false);
    } catch (HistoryException e) {
      return new Outcome("Countersign history: not recorded (the verdict is unaffected): "
          + e.getMessage(), true);
    } catch (RuntimeException e) {
      return new Outcome("Countersign history: not recorded (the verdict is unaffected): " + e,
          true);
    }
  }
}
