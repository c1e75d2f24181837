package dev.countersign.sim.agent;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.regex.Pattern;

/**
 * Decides which classes the agent instruments: never the JDK (boot and platform loaders, {@code
 * java.*}, {@code jdk.*}, {@code sun.*}, ...), never Countersign itself (its code source, or a
 * {@code dev.countersign.} class outside {@code dev.countersign.workloads}), never hidden/lambda
 * classes; then classes from the configured directories or matching an include, minus excludes.
 */
public final class InstrumentationFilter {

  private static final String[] JDK_PREFIXES = {
    "java/", "javax/", "jdk/", "sun/", "com/sun/", "org/objectweb/asm/", "org/junit/",
    "org/opentest4j/", "org/apiguardian/", "junit/", "org/apache/maven/surefire/"
  };

  private final AgentOptions options;
  private final Path agentLocation;

  /**
   * @param options the parsed options
   * @param agentLocation where Countersign's own classes come from (its jar or directory), or null
   */
  public InstrumentationFilter(AgentOptions options, Path agentLocation) {
    this.options = options;
    this.agentLocation = agentLocation;
  }

  /** Whether to instrument the class {@code internalName} defined by {@code loader} from {@code pd}. */
  public boolean accepts(ClassLoader loader, String internalName, ProtectionDomain pd) {
    if (internalName == null || loader == null || loader == ClassLoader.getPlatformClassLoader()) {
      return false;
    }
    for (String p : JDK_PREFIXES) {
      if (internalName.startsWith(p)) {
        return false;
      }
    }
    if (internalName.startsWith("dev/countersign/")
        && !internalName.startsWith("dev/countersign/workloads/")) {
      return false;
    }
    if (internalName.contains("$$Lambda") || internalName.contains("/$Proxy")) {
      return false;
    }
    String name = internalName.replace('/', '.');
    for (Pattern p : options.excludes()) {
      if (p.matcher(name).matches()) {
        return false;
      }
    }
    Path source = location(pd);
    if (source != null && agentLocation != null && source.equals(agentLocation)) {
      return false;
    }
    for (Pattern p : options.includes()) {
      if (p.matcher(name).matches()) {
        return true;
      }
    }
    if (source == null) {
      return false;
    }
    if (options.classDirs().isEmpty() && options.includes().isEmpty()) {
      return Files.isDirectory(source);
    }
    for (Path dir : options.classDirs()) {
      if (source.startsWith(dir)) {
        return true;
      }
    }
    return false;
  }

  /** The file-system location of a protection domain's code source, or null. */
  static Path location(ProtectionDomain pd) {
    if (pd == null) {
      return null;
    }
    CodeSource cs = pd.getCodeSource();
    URL url = cs == null ? null : cs.getLocation();
    if (url == null || !"file".equals(url.getProtocol())) {
      return null;
    }
    try {
      return Paths.get(url.toURI()).toAbsolutePath().normalize();
    } catch (Exception e) {
      return null;
    }
  }
}
