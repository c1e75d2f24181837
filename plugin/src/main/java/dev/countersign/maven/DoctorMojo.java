package dev.countersign.maven;

import dev.countersign.perf.AnnotatedEvents;
import dev.countersign.perf.Doctor;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
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

  @Override
  public void execute() {
    // without a pom Maven runs the goal in a stand-in project whose paths are not interpolated
    boolean inProject = project != null && project.getFile() != null && testClasses != null;
    AnnotatedEvents annotated =
        inProject ? new AnnotatedEventScanner().scan(testClasses.toPath()) : null;
    for (String line : Doctor.report(annotated)) {
      getLog().info(line);
    }
  }
}
