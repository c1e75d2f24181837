package dev.countersign.maven;

import dev.countersign.compare.Checkout;
import dev.countersign.compare.CompareException;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.project.DefaultProjectBuildingRequest;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingRequest;
import org.apache.maven.project.ProjectBuildingResult;
import org.eclipse.aether.DefaultRepositoryCache;
import org.eclipse.aether.DefaultRepositorySystemSession;

/**
 * The module's project as A's own POMs define it, built by Maven's {@link ProjectBuilder} from A's
 * checkout: the whole reactor from its root, as {@code mvn} at A would read it. With a model cache
 * of its own: Maven caches raw models by coordinates in the repository session, so with this
 * build's cache a parent of the same coordinates resolved to B's POM, which is not the one at the
 * {@code relativePath} in A's checkout, and Maven refused it ("'parent.relativePath' points at
 * wrong local POM"). Dependencies are not resolved: only the build section is read.
 */
final class BaseProject {

  private final ProjectBuilder builder;
  private final MavenSession session;

  BaseProject(ProjectBuilder builder, MavenSession session) {
    this.builder = builder;
    this.session = session;
  }

  /**
   * The project of {@code at}'s module.
   *
   * @throws CompareException when A's POMs cannot be built or do not contain the module
   */
  MavenProject of(Checkout at) {
    ProjectBuildingRequest request = new DefaultProjectBuildingRequest(
        session.getProjectBuildingRequest());
    request.setResolveDependencies(false);
    request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
    request.setProject(null);
    DefaultRepositorySystemSession repository = new DefaultRepositorySystemSession(
        session.getRepositorySession());
    repository.setCache(new DefaultRepositoryCache());
    request.setRepositorySession(repository);
    File root = at.reactorRoot().resolve("pom.xml").toFile();
    List<ProjectBuildingResult> results;
    try {
      results = builder.build(List.of(root), at.inReactor(), request);
    } catch (ProjectBuildingException e) {
      throw new CompareException("cannot read the POMs of the base revision (A) at "
          + at.reactorRoot() + ", which its Surefire includes and excludes come from: "
          + e.getMessage(), e);
    }
    Path module = at.moduleDir().toAbsolutePath().normalize();
    return results.stream().map(ProjectBuildingResult::getProject)
        .filter(p -> p.getBasedir().toPath().toAbsolutePath().normalize().equals(module))
        .findFirst().orElseThrow(() -> new CompareException("the base revision (A) has no module"
            + " at " + module + " in its reactor (" + results.stream()
                .map(r -> r.getProject().getArtifactId()).collect(Collectors.joining(", "))
            + "): is the module new in this revision?"));
  }
}
