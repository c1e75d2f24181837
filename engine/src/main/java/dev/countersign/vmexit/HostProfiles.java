package dev.countersign.vmexit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.countersign.events.VmExitMetric;
import dev.countersign.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The host profiles a build knows: the built-in ones shipped in the jar under {@code
 * dev/countersign/vmexit/hosts/} and the user's own {@code <name>.json} files in {@code
 * src/test/countersign/hosts/} (relative to the working directory, which Surefire sets to the
 * module; setting {@value #HOSTS_DIR_PROPERTY} overrides the directory). A user file may
 * not reuse a built-in name. Immutable once loaded.
 */
public final class HostProfiles {

  /** The setting naming the directory of user profiles ({@link Settings#HOSTS_DIR}). */
  public static final String HOSTS_DIR_PROPERTY = Settings.HOSTS_DIR;

  /** Default directory of user profiles, relative to the module. */
  public static final Path DEFAULT_HOSTS_DIR = Path.of(Settings.DEFAULT_HOSTS_DIR);

  /** The built-in profiles, in the jar. */
  public static final List<String> BUILT_IN =
      List.of("intel-kvm-default", "intel-kvm-ipiv", "intel-kvm-ple-off", "amd-kvm-default",
          "kvm-exits-disabled");

  /** The profile used when a project names none. */
  public static final String DEFAULT_HOST = "intel-kvm-default";

  private static final String RESOURCE_DIR = "/dev/countersign/vmexit/hosts/";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private final Map<String, HostProfile> byName;

  private HostProfiles(Map<String, HostProfile> byName) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /**
   * Built-in profiles plus those in the directory of system property {@value
   * #HOSTS_DIR_PROPERTY} or the default (outside a test JVM: JMH, tools).
   */
  public static HostProfiles standard() {
    return standard(Settings.systemProperties());
  }

  /** Built-in profiles plus those in the directory of setting {@value #HOSTS_DIR_PROPERTY} or the default. */
  public static HostProfiles standard(Settings settings) {
    return load(settings.hostsDir());
  }

  /**
   * Built-in profiles plus the user's {@code *.json} files in {@code userDir} (which may be
   * absent).
   *
   * @throws InvalidHostProfileException naming the file and field of the first bad profile
   */
  public static HostProfiles load(Path userDir) {
    Map<String, HostProfile> all = new TreeMap<>();
    for (String name : BUILT_IN) {
      all.put(name, builtIn(name));
    }
    if (Files.isDirectory(userDir)) {
      List<Path> jsonFiles;
      try (Stream<Path> files = Files.list(userDir)) {
        jsonFiles = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
            .toList();
      } catch (IOException e) {
        throw new InvalidHostProfileException("cannot list host profiles in " + userDir + ": " + e,
            e);
      }
      for (Path f : jsonFiles) {
        HostProfile p = read(f);
        if (BUILT_IN.contains(p.name())) {
          throw new InvalidHostProfileException(f + ": field 'name' is '" + p.name()
              + "', a built-in profile; choose another name (built-ins: " + BUILT_IN + ")",
              (Throwable) null);
        }
        all.put(p.name(), p);
      }
    }
    return new HostProfiles(all);
  }

  /** Reads one user profile file; its {@code name} must equal the file's base name. */
  public static HostProfile read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      HostProfile p = parse(in, file.toString());
      String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
      if (!p.name().equals(stem)) {
        throw new InvalidHostProfileException(file + ": field 'name' is '" + p.name()
            + "' but the file is " + file.getFileName() + "; rename one so they agree",
            (Throwable) null);
      }
      return p;
    } catch (IOException e) {
      throw new InvalidHostProfileException("cannot read host profile " + file + ": " + e, e);
    }
  }

  private static HostProfile builtIn(String name) {
    try (InputStream in = HostProfiles.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("built-in host profile " + name + " missing from the jar");
      }
      return parse(in, "built-in " + name + ".json");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in host profile " + name, e);
    }
  }

  private static HostProfile parse(InputStream in, String where) throws IOException {
    try {
      return MAPPER.readValue(in, HostProfile.class);
    } catch (JsonMappingException e) {
      throw new InvalidHostProfileException(where + ": " + describe(e), e);
    } catch (JsonProcessingException e) {
      throw new InvalidHostProfileException(where + ": not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr(), e);
    }
  }

  /** The field path and the problem, without Jackson's internals. */
  private static String describe(JsonMappingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidHostProfileException bad) {
        return bad.getMessage();
      }
    }
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    String msg = e.getOriginalMessage();
    int cut = msg.indexOf(" (class ");
    if (cut > 0) {
      msg = msg.substring(0, cut);
    }
    if (msg.startsWith("Missing creator property")
        || msg.startsWith("Missing required creator property")) {
      String field = msg.replaceAll("^[^']*'([^']+)'.*", "$1");
      String full = path.endsWith(field) ? path : path.isEmpty() ? field : path + "." + field;
      return "field '" + full + "' is missing; every parameter must be given (see the host"
          + " profiles section of the README)";
    }
    if (msg.startsWith("Unrecognized field")) {
      String field = msg.replaceAll("Unrecognized field \"([^\"]+)\".*", "$1");
      String known = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
          ? " (known fields: " + u.getKnownPropertyIds() + ")" : "";
      return "field '" + (path.isEmpty() ? field : path) + "' is not a host-profile parameter"
          + known;
    }
    return "field '" + path + "': " + msg;
  }

  /** The host part of a metric name {@code vmexit.<host>.<REASON>}. */
  public static String hostOfMetric(String vmexitMetric) {
    return VmExitMetric.parse(vmexitMetric).orElseThrow(() -> new IllegalArgumentException(
        "not a VM-exit metric: " + vmexitMetric)).host();
  }

  /** All profile names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * The profile called {@code name}.
   *
   * @throws InvalidHostProfileException listing the valid names when there is none
   */
  public HostProfile get(String name) {
    HostProfile p = byName.get(name);
    if (p == null) {
      throw new InvalidHostProfileException(unknownHostMessage(name), (Throwable) null);
    }
    return p;
  }

  /** Whether a profile of that name exists. */
  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** The error text for an unknown host name, listing valid ones and how to add one. */
  public String unknownHostMessage(String name) {
    return "unknown host profile '" + name + "'; valid hosts: " + String.join(", ", names())
        + " (add your own as src/test/countersign/hosts/" + name + ".json, or set -D"
        + HOSTS_DIR_PROPERTY + ")";
  }
}
