package dev.countersign.maven;

import dev.countersign.changepoint.ChangePointSettings;
import dev.countersign.history.HistoryAnalysis;
import dev.countersign.history.HistoryException;
import dev.countersign.history.HistoryHtml;
import dev.countersign.history.HistoryStore;
import dev.countersign.history.HistoryTable;
import dev.countersign.history.OtavaCsv;
import dev.countersign.history.StoreLocation;
import dev.countersign.history.Trend;
import dev.countersign.settings.Settings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Trends and change points of this module from the history store that {@code check} appends to:
 * prints the open change points (regressions first) with the commit range of each, writes {@code
 * target/countersign/history.html} (one plot per trend, change points marked) and the trends as
 * Apache Otava CSV files in {@code target/countersign/history/otava/}. The store is named by
 * {@code countersign.history.url} (default {@code jdbc:sqlite:~/.countersign/history.db});
 * credentials come from the settings.xml server {@code countersign.history.server} or the
 * environment. See docs/history.md.
 */
@Mojo(name = "history", threadSafe = true)
public class HistoryMojo extends CountersignMojo {

  /** How many of the latest builds each trend covers. */
  @Parameter(property = HistoryAnalysis.BUILDS_KEY,
      defaultValue = "" + HistoryAnalysis.DEFAULT_BUILDS)
  int builds;

  /** Only builds of this branch; default all. */
  @Parameter(property = Settings.HISTORY_ONLY_BRANCH)
  String onlyBranch;

  /** Builds per window of the change-point search. */
  @Parameter(property = Settings.HISTORY_WINDOW,
      defaultValue = "" + ChangePointSettings.DEFAULT_WINDOW)
  int window;

  /** Student t p-value below which a change is significant. */
  @Parameter(property = Settings.HISTORY_MAX_P_VALUE,
      defaultValue = "" + ChangePointSettings.DEFAULT_MAX_P_VALUE)
  double maxPValue;

  /** Smallest relative change of the mean that counts, as a fraction (0.01 = 1%). */
  @Parameter(property = Settings.HISTORY_MIN_MAGNITUDE,
      defaultValue = "" + ChangePointSettings.DEFAULT_MIN_MAGNITUDE)
  double minMagnitude;

  /** Directory the history report is written to. */
  @Parameter(property = Settings.REPORT_DIR, defaultValue = "${project.build.directory}/countersign")
  File reportDir;

  @Parameter(defaultValue = "${project.groupId}:${project.artifactId}", readonly = true)
  String module;

  @Component
  SettingsDecrypter decrypter;

  @Override
  String goal() {
    return "history";
  }

  @Override
  void run() throws MojoExecutionException {
    HistoryAnalysis analysis;
    Optional<StoreLocation> location;
    try {
      analysis = new HistoryAnalysis(new ChangePointSettings(window, maxPValue, minMagnitude),
          builds, Optional.ofNullable(onlyBranch).filter(b -> !b.isBlank()));
      location = HistoryLocations.resolve(session, decrypter, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("Countersign history: " + e.getMessage(), e);
    }
    if (location.isEmpty()) {
      getLog().info("Countersign history: off (" + StoreLocation.URL_KEY + "="
          + StoreLocation.DISABLED + "); nothing to show");
      return;
    }
    List<Trend> trends;
    try (HistoryStore store = HistoryStore.open(location.get())) {
      trends = analysis.analyse(store, module);
    } catch (HistoryException e) {
      throw new MojoExecutionException("Countersign history: " + e.getMessage(), e);
    }
    getLog().info("Countersign history of " + module + " in " + location.get() + ":");
    for (String line : HistoryTable.lines(trends)) {
      getLog().info(line);
    }
    try {
      Path html = reportDir.toPath().resolve("history.html");
      Files.createDirectories(html.getParent());
      Files.writeString(html, HistoryHtml.render(module, location.get().toString(), trends),
          StandardCharsets.UTF_8);
      getLog().info("Countersign history report: " + html);
      List<Path> csv = OtavaCsv.write(reportDir.toPath().resolve("history").resolve("otava"), trends);
      getLog().info("Countersign history for Apache Otava: " + csv.get(csv.size() - 1));
    } catch (IOException e) {
      throw new MojoExecutionException("Countersign history: cannot write the report into "
          + reportDir + ": " + e, e);
    }
  }
}
