package dev.countersign.maven;

import dev.countersign.results.CountersignFileException;
import dev.countersign.results.Environments;
import dev.countersign.results.JmhResults;
import dev.countersign.results.TestResult;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/** Reads the JMH result files named by {@code countersign.jmhResults} for the check and baseline goals. */
final class JmhInputs {

  private JmhInputs() {}

  static List<TestResult> read(String property, File basedir) throws MojoExecutionException {
    try {
      return JmhResults.read(JmhResults.files(property, basedir.toPath()), Environments.current());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (CountersignFileException e) {
      throw new MojoExecutionException("Countersign cannot read " + e.getMessage(), e);
    }
  }
}
