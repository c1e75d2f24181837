package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.BuildId;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which results {@code check} and {@code baseline} read, and that a test JVM which ran without the
 * {@code argLine} {@code prepare-agent} set (its results in a standalone folder) fails the goal
 * rather than leaving the build to pass on "nothing was checked".
 */
class ThisBuildTest {

  @TempDir Path dir;

  private final Instant sessionStart = Instant.now().minusSeconds(30);
  private final BuildId build = BuildId.mint(sessionStart, 100);

  private MavenProject projectOfThisBuild() {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("m");
    model.setVersion("1");
    MavenProject project = new MavenProject(model);
    project.getProperties().setProperty(BuildId.PROPERTY, build.value());
    return project;
  }

  private ResultStore standaloneRun(Instant minted) throws Exception {
    ResultStore store = new ResultsDirectory(dir).start(BuildId.standalone(minted, 200));
    Files.writeString(store.dir().resolve("a.B.m.json"), "{}");
    return store;
  }

  @Test
  void aTestJvmWithoutThisBuildsIdFailsTheGoalNamingTheArgLine() throws Exception {
    new ResultsDirectory(dir).start(build);
    ResultStore stray = standaloneRun(Instant.now());

    // Maven resolves the goal's countersign.buildId parameter from the project property too
    for (String given : new String[] {null, build.value()}) {
      MojoExecutionException e = assertThrows(MojoExecutionException.class,
          () -> ThisBuild.results(dir.toFile(), given, projectOfThisBuild(), sessionStart,
              new SystemStreamLog(), "check"));
      assertTrue(e.getMessage().contains("1 in " + stray.dir()), e.getMessage());
      assertTrue(e.getMessage().contains("<argLine>@{argLine} your options</argLine>"),
          e.getMessage());
      assertTrue(e.getMessage().contains("nothing was checked"), e.getMessage());
    }
  }

  @Test
  void aStandaloneRunBeforeThisSessionIsNotThisBuildsConcern() throws Exception {
    ResultStore mine = new ResultsDirectory(dir).start(build);
    ResultStore earlier = standaloneRun(sessionStart.minusSeconds(3600));
    Files.setLastModifiedTime(earlier.dir().resolve("a.B.m.json"),
        java.nio.file.attribute.FileTime.from(sessionStart.minusSeconds(3600)));

    assertEquals(mine.dir(), ThisBuild.results(dir.toFile(), null, projectOfThisBuild(),
        sessionStart, new SystemStreamLog(), "check").orElseThrow().dir());
  }

  @Test
  void aBuildIdGivenByHandReadsThatBuild() throws Exception {
    // mvn countersign:check -Dcountersign.buildId=<the IDE's run>: asked for, so not refused
    ResultStore ide = standaloneRun(Instant.now());
    ResultStore chosen = ThisBuild.results(dir.toFile(), ide.dir().getFileName().toString(),
        projectOfThisBuild(), sessionStart, new SystemStreamLog(), "check").orElseThrow();
    assertEquals(ide.dir(), chosen.dir());
    assertEquals(1, chosen.files().size());
  }
}
