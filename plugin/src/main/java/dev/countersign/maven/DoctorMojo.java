package dev.countersign.maven;

import dev.countersign.perf.Doctor;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Says what this machine can measure and why not: kernel, {@code perf_event_paranoid}, PMU events,
 * tracepoints, whether it is a VM or a KVM host, and the events the project's tests name.
 */
@Mojo(name = "doctor", threadSafe = true, requiresProject = false)
public class DoctorMojo extends AbstractMojo {

  /** Compiled test classes scanned for the events named in annotations. */
  @Parameter(defaultValue = "${project.build.testOutputDirectory}")
  File testClasses;

  @Override
  public void execute() {
    for (String line : Doctor.report(testClasses == null ? null : testClasses.toPath())) {
      getLog().info(line);
    }
  }
}
