package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn verify countersign:baseline} in a reactor runs the goal in every module, also in those
 * that do not run Countersign (the root, a library module): there the goal says it is skipped and
 * why, as JaCoCo's report does without execution data, instead of telling the user to run the
 * tests first. Where the module does run Countersign, no results still means: run the tests.
 */
class ModuleWithoutCountersignTest {

  @TempDir Path dir;

  private List<String> run(CountersignMojo mojo, MavenProject project) throws Exception {
    SkipTest.Lines log = new SkipTest.Lines();
    mojo.setLog(log);
    mojo.project = project;
    mojo.basedir = dir.toFile();
    mojo.execute();
    return log.info;
  }

  private BaselineMojo baseline() {
    BaselineMojo baseline = new BaselineMojo();
    baseline.history = 1;
    baseline.resultsDir = dir.resolve("target/countersign/results").toFile();
    baseline.baselineDir = dir.resolve("src/test/countersign").toFile();
    return baseline;
  }

  private CheckMojo check() {
    CheckMojo check = new CheckMojo();
    check.resultsDir = dir.resolve("target/countersign/results").toFile();
    check.baselineDir = dir.resolve("src/test/countersign").toFile();
    return check;
  }

  @Test
  void inAModuleWithoutThePluginsExecutionsBothGoalsSayTheyAreSkippedAndWhy() throws Exception {
    for (CountersignMojo mojo : List.of(baseline(), check())) {
      List<String> info = run(mojo, SkipTest.project());
      assertEquals(1, info.size(), info.toString());
      String line = info.get(0);
      assertTrue(line.startsWith("Countersign " + mojo.goal() + " skipped: m does not run"
          + " Countersign (no prepare-agent execution of dev.countersign:countersign-maven-plugin"
          + " in its pom)"), line);
      assertTrue(!line.contains("run the tests first"), line);
    }
    assertTrue(Files.notExists(dir.resolve("src")), "nothing written");
  }

  @Test
  void aRootThatDeclaresThePluginWithoutExecutionsDoesNotRunIt() throws Exception {
    // the README has the root pom declare the plugin's version for the prefix to resolve, in
    // <build><plugins> (or <pluginManagement>) without executions
    List<String> info = run(baseline(), SkipTest.projectRunning());
    assertTrue(info.get(0).startsWith("Countersign baseline skipped: m does not run Countersign"),
        info.toString());
  }

  @Test
  void inAModuleThatRunsCountersignNoResultsMeansRunTheTestsFirst() throws Exception {
    List<String> info = run(baseline(), SkipTest.projectRunning("prepare-agent", "check"));
    assertEquals(1, info.size(), info.toString());
    assertTrue(info.get(0).startsWith("Countersign baseline: no results of this build in "),
        info.get(0));
    assertTrue(info.get(0).contains("run the tests first (mvn verify)"), info.get(0));
  }
}
