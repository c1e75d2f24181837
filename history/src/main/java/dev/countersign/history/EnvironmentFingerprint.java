package dev.countersign.history;

import dev.countersign.results.Environment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, stable identity of an {@link Environment}: every field takes part, so a new kernel,
 * JVM or CPU starts a new trend.
 *
 * @param id the first 16 hex digits of the SHA-256 of {@link #description()}
 * @param description the fields, one {@code key=value} per line
 */
public record EnvironmentFingerprint(String id, String description) {

  public static EnvironmentFingerprint of(Environment e) {
    StringBuilder d = new StringBuilder()
        .append("os=").append(e.os()).append('\n')
        .append("kernel=").append(e.kernel()).append('\n')
        .append("cpu=").append(e.cpuModel()).append('\n')
        .append("cpus=").append(e.cpus()).append('\n')
        .append("virtualization=").append(e.virtualization()).append('\n')
        .append("jvm=").append(e.jvm()).append('\n');
    e.extra().forEach((k, v) -> d.append(k).append('=').append(v).append('\n'));
    String description = d.toString();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(description.getBytes(StandardCharsets.UTF_8));
      return new EnvironmentFingerprint(HexFormat.of().formatHex(hash, 0, 8), description);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }
}
