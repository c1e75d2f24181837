package dev.countersign.maven;

import dev.countersign.perf.AnnotatedEvents;
import dev.countersign.perf.Doctor;
import dev.countersign.runner.Mode;
import dev.countersign.settings.Settings;
import java.io.File;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Says what this machine can measure and why not: kernel, {@code perf_event_paranoid}, PMU events,
 * tracepoints, whether it is a VM or a KVM host, and the events the project's tests name. Runs
 * without a project too ({@code mvn dev.countersign:countersign-maven-plugin:doctor}); then it
 * scans no test classes.
 */
@Mojo(name = "doctor", threadSafe = true, requiresProject = false)
public class DoctorMojo extends AbstractMojo {

  /** Compiled test classes scanned for the events named in annotations. */
  @Parameter(defaultValue = "${project.build.testOutputDirectory}")
  File testClasses;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  /**
   * The mode the tests run in, when set for all of them ({@code -Dcountersign.mode}, which Surefire
   * passes to the tests): it overrides each {@code @PerfTest}'s {@code mode}, there and here.
   */
  @Parameter(property = Settings.MODE)
  String mode;

  @Override
  public void execute() throws MojoExecutionException {
    Optional<Mode> override;
    try {
      override = mode == null || mode.isBlank() ? Optional.empty() : Optional.of(Mode.parse(mode));
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    // without a pom Maven runs the goal in a stand-in project whose paths are not interpolated
    boolean inProject = project != null && project.getFile() != null && testClasses != null;
    AnnotatedEvents annotated =
        inProject ? new AnnotatedEventScanner().scan(testClasses.toPath(), override) : null;
    for (String line : Doctor.report(annotated)) {
      getLog().info(line);
    }
  }
}
