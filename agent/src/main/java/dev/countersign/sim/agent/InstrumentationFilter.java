package dev.countersign.sim.agent;

import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.regex.Pattern;

/**
 * Decides which classes the agent instruments. By default everything the test JVM loads — the
 * module's classes, its dependency jars and the JDK (java.base and the other modules) — except:
 *
 * <ul>
 *   <li>the test framework, the build tool and JMH's harness ({@link #HARNESS}): their work is not the
 *       workload's, and it runs outside measured invocations;
 *   <li>Countersign itself (its code source, or a {@code dev.countersign.} class outside the
 *       sample {@code dev.countersign.workloads}), which includes the agent's relocated ASM;
 *   <li>the JDK classes of {@link #JDK_NEVER}, each for the reason written there;
 *   <li>lambda proxies and {@code java.lang.reflect.Proxy} classes (generated at run time);
 *   <li>JDK classes altogether when the runtime is not reachable from the boot loader (the agent
 *       jar is not on the boot class path: only a test's own class loader, see {@link
 *       #InstrumentationFilter(AgentOptions, Path, boolean)}).
 * </ul>
 *
 * {@code includes} and {@code classDirs} narrow this to the classes that match an include or come
 * from one of the directories; {@code excludes} remove classes from it.
 */
public final class InstrumentationFilter {

  /** The test framework and the build tool, never instrumented. */
  static final String[] HARNESS = {
    "org/junit/", "junit/", "org/opentest4j/", "org/apiguardian/", "org/apache/maven/",
    "org/testng/", "org/gradle/", "worker/org/gradle/", "org/openjdk/jmh/"
  };

  /**
   * JDK classes never instrumented (internal-name prefixes), with the reason. Everything else of
   * the JDK is.
   */
  static final String[][] JDK_NEVER = {
    {"java/lang/Object", "every constructor ends in its empty constructor, which compiles to"
        + " nothing; wait/notify are probed at the call site"},
    {"java/lang/Thread", "thread start/exit, interrupts and scoped values run in VM upcalls"
        + " outside any measured window; the runtime's own per-thread look-up uses"
        + " Thread.currentThread"},
    {"java/lang/VirtualThread", "continuations: the VM expects exact frames when it mounts and"
        + " yields"},
    {"java/lang/BaseVirtualThread", "continuations (see VirtualThread)"},
    {"jdk/internal/vm/", "continuations and VM support classes the VM calls directly"},
    {"java/lang/invoke/", "method handles and lambda forms: their Java side changes shape with"
        + " invocation counters (customisation), so counts would depend on history; the methods"
        + " they call are counted"},
    {"sun/invoke/", "method-handle support (see java/lang/invoke)"},
    {"jdk/internal/reflect/", "reflection accessors are replaced by generated ones after a"
        + " number of calls (inflation): counts would depend on history"},
    {"java/lang/Class", "class metadata caches (reflection data held by soft references) depend"
        + " on history and garbage collection"},
    {"java/lang/ClassLoader", "class loading is one-time work whose path depends on what was"
        + " loaded before"},
    {"jdk/internal/loader/", "class loading (see java/lang/ClassLoader)"},
    {"java/lang/ref/", "reference processing runs when the garbage collector decides"},
    {"sun/instrument/", "the java.instrument dispatch that runs this agent's transformer"},
    {"jdk/internal/org/objectweb/asm/", "the JDK's ASM, used only by one-time bootstraps"
        + " (lambda metafactory, proxies)"},
    {"jdk/internal/misc/Unsafe", "its methods are VM intrinsics; the bulk ones have a cost model"},
    {"sun/misc/Unsafe", "a wrapper of jdk.internal.misc.Unsafe"},
  };

  private final AgentOptions options;
  private final Path agentLocation;
  private final boolean jdk;

  /**
   * A filter that never instruments the JDK (the runtime is not on the boot class path).
   *
   * @param options the parsed options
   * @param agentLocation where Countersign's own classes come from (its jar or directory), or null
   */
  public InstrumentationFilter(AgentOptions options, Path agentLocation) {
    this(options, agentLocation, false);
  }

  /**
   * @param options the parsed options
   * @param agentLocation where Countersign's own classes come from (its jar or directory), or null
   * @param jdk whether JDK classes (boot and platform loaders) may be instrumented: only when the
   *     runtime they would call is loaded by the boot loader
   */
  public InstrumentationFilter(AgentOptions options, Path agentLocation, boolean jdk) {
    this.options = options;
    this.agentLocation = agentLocation;
    this.jdk = jdk;
  }

  /** Whether to instrument the class {@code internalName} defined by {@code loader} from {@code pd}. */
  public boolean accepts(ClassLoader loader, String internalName, ProtectionDomain pd) {
    if (internalName == null) {
      return false;
    }
    boolean fromJdk = loader == null || loader == ClassLoader.getPlatformClassLoader();
    if (fromJdk && !jdk || startsWithAny(internalName, HARNESS) || jdkNever(internalName) != null) {
      return false;
    }
    if (internalName.startsWith("dev/countersign/")
        && !internalName.startsWith("dev/countersign/workloads/")) {
      return false;
    }
    if (internalName.contains("$$Lambda") || internalName.contains("/$Proxy")
        || internalName.startsWith("$Proxy")) {
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
    if (options.includes().isEmpty() && options.classDirs().isEmpty()) {
      return true;
    }
    for (Pattern p : options.includes()) {
      if (p.matcher(name).matches()) {
        return true;
      }
    }
    if (source != null) {
      for (Path dir : options.classDirs()) {
        if (source.startsWith(dir)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Why the JDK class {@code internalName} is never instrumented, or null. */
  static String jdkNever(String internalName) {
    for (String[] rule : JDK_NEVER) {
      String p = rule[0];
      if (internalName.startsWith(p) && (p.endsWith("/") || internalName.length() == p.length()
          || internalName.charAt(p.length()) == '$')) {
        return rule[1];
      }
    }
    return null;
  }

  private static boolean startsWithAny(String name, String[] prefixes) {
    for (String p : prefixes) {
      if (name.startsWith(p)) {
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
