package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code countersign.skip}: every goal of the base mojo does nothing but say so. */
class SkipTest {

  @TempDir Path dir;

  /** The build log's INFO lines. */
  static final class Lines extends SystemStreamLog {
    final List<String> info = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
      info.add(content.toString());
    }
  }

  static MavenProject project() {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("m");
    model.setVersion("1");
    return new MavenProject(model);
  }

  /** A module whose pom has the plugin's execution of {@code goals}, as the README configures it. */
  static MavenProject projectRunning(String... goals) {
    MavenProject project = project();
    Plugin plugin = new Plugin();
    plugin.setGroupId("dev.countersign");
    plugin.setArtifactId("countersign-maven-plugin");
    PluginExecution execution = new PluginExecution();
    execution.setGoals(List.of(goals));
    plugin.addExecution(execution);
    Build build = new Build();
    build.addPlugin(plugin);
    project.getModel().setBuild(build);
    return project;
  }

  private Lines skip(CountersignMojo mojo) throws Exception {
    Lines log = new Lines();
    mojo.setLog(log);
    mojo.skip = true;
    mojo.project = project();
    mojo.basedir = dir.toFile();
    mojo.execute();
    return log;
  }

  @Test
  void eachGoalSaysItIsSkippedAndTouchesNothing() throws Exception {
    File results = dir.resolve("results").toFile();
    CheckMojo check = new CheckMojo();
    check.resultsDir = results;
    BaselineMojo baseline = new BaselineMojo();
    baseline.resultsDir = results;
    baseline.baselineDir = dir.resolve("baselines").toFile();
    for (CountersignMojo mojo : List.of(check, baseline, new CompareMojo(), new HistoryMojo())) {
      assertEquals(List.of("Countersign " + mojo.goal() + " skipped (countersign.skip)"),
          skip(mojo).info);
    }
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.toList(), "a skipped goal wrote nothing");
    }
  }

  @Test
  void skippedPrepareAgentStillSetsThePropertySurefireReads() throws Exception {
    PrepareAgentMojo agent = new PrepareAgentMojo();
    agent.propertyName = "argLine";
    assertEquals(List.of("Countersign prepare-agent skipped (countersign.skip)"),
        skip(agent).info);
    assertEquals("", agent.project.getProperties().getProperty("argLine"));
  }

  @Test
  void withoutSkipTheGoalRuns() throws Exception {
    CheckMojo check = new CheckMojo();
    Lines log = new Lines();
    check.setLog(log);
    check.project = projectRunning("prepare-agent", "check");
    check.basedir = dir.toFile();
    check.resultsDir = dir.resolve("results").toFile();
    check.baselineDir = dir.resolve("baselines").toFile();
    check.execute();
    assertTrue(log.info.stream().anyMatch(l -> l.startsWith("Countersign check: no results of"
        + " this build in ")), log.info.toString());
  }
}
