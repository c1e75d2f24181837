package dev.countersign.maven;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import dev.countersign.compare.Compare;
import dev.countersign.history.HistoryStore;
import dev.countersign.junit.CountersignExtension;
import dev.countersign.runner.Runner;
import dev.countersign.settings.Settings;
import dev.countersign.sim.agent.Machine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of every Countersign module's main classes (this module's test class path holds
 * them all), read from their bytecode: no package cycle anywhere, and every package imports only
 * the layers below it (docs/architecture.md). The Maven module graph already keeps a module from
 * importing one above it; this also holds the order of the packages inside a module.
 */
class LayeringTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importAll() throws IOException {
    // one class of each module: its jar (or, before 'package', its classes directory) whole
    List<Location> modules = new ArrayList<>();
    for (Class<?> c : List.of(Machine.class, Settings.class, Runner.class, HistoryStore.class,
        Compare.class, CountersignExtension.class, DoctorMojo.class)) {
      modules.add(location(c));
    }
    classes = new ClassFileImporter()
        // ASM, shaded into the agent's jar: not ours
        .withImportOption(location -> !location.contains("/dev/countersign/internal/"))
        .importLocations(modules);
  }

  private static Location location(Class<?> c) throws IOException {
    Path p;
    try {
      p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (Files.isDirectory(p)) {
      return Location.of(p);
    }
    try (JarFile jar = new JarFile(p.toFile())) {
      return Location.of(jar);
    }
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.countersign.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackageImportsOnlyTheLayersBelowIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        // countersign-agent
        .layer("Agent").definedBy("dev.countersign.sim.agent")
        // countersign-model, bottom to top
        .layer("Settings").definedBy("dev.countersign.settings")
        .layer("Events").definedBy("dev.countersign.events")
        .layer("Results").definedBy("dev.countersign.results")
        .layer("Stats").definedBy("dev.countersign.stats", "dev.countersign.changepoint")
        .layer("Check").definedBy("dev.countersign.check")
        .layer("Report").definedBy("dev.countersign.report")
        // countersign-engine: the runner, then its plug-ins
        .layer("Runner").definedBy("dev.countersign.runner")
        .layer("Providers").definedBy("dev.countersign.perf", "dev.countersign.jvm",
            "dev.countersign.sim", "dev.countersign.vmexit")
        // countersign-history, countersign-compare, countersign-junit, the plugin
        .layer("History").definedBy("dev.countersign.history")
        .layer("Compare").definedBy("dev.countersign.compare")
        .layer("JUnit").definedBy("dev.countersign.junit", "dev.countersign.jmh")
        .layer("Plugin").definedBy("dev.countersign.maven")

        .whereLayer("Agent").mayNotAccessAnyLayer()
        .whereLayer("Settings").mayNotAccessAnyLayer()
        .whereLayer("Events").mayNotAccessAnyLayer()
        .whereLayer("Results").mayOnlyAccessLayers("Settings", "Events")
        .whereLayer("Stats").mayOnlyAccessLayers("Settings", "Events", "Results")
        .whereLayer("Check").mayOnlyAccessLayers("Settings", "Events", "Results", "Stats")
        .whereLayer("Report").mayOnlyAccessLayers("Settings", "Events", "Results", "Stats",
            "Check")
        .whereLayer("Runner").mayOnlyAccessLayers("Agent", "Settings", "Events", "Results",
            "Stats")
        .whereLayer("Providers").mayOnlyAccessLayers("Agent", "Settings", "Events", "Results",
            "Stats", "Runner")
        .whereLayer("History").mayOnlyAccessLayers("Settings", "Events", "Results", "Stats",
            "Check", "Report")
        .whereLayer("Compare").mayOnlyAccessLayers("Settings", "Events", "Results", "Stats",
            "Check")
        .whereLayer("JUnit").mayOnlyAccessLayers("Agent", "Settings", "Events", "Results",
            "Stats", "Check", "Runner", "Providers")
        .whereLayer("Plugin").mayOnlyAccessLayers("Agent", "Settings", "Events", "Results",
            "Stats", "Check", "Report", "Runner", "Providers", "History", "Compare")
        .check(classes);
  }
}
