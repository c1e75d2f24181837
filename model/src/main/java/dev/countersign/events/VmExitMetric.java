package dev.countersign.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a VM-exit metric: the exits of one reason under one host profile, {@code
 * vmexit.<host>.<REASON>} ({@code ANY}: all reasons), or the host time they cost, {@code
 * vmexit.<host>.overhead-ns}. Every such name is built and parsed here.
 *
 * @param host the host profile's name ({@code intel-kvm-default})
 * @param reason the exit reason; empty for the overhead
 */
public record VmExitMetric(String host, Optional<VmExitReason> reason) {

  /** The last part of the overhead's name. */
  public static final String OVERHEAD = "overhead-ns";

  private static final Pattern NAME =
      Pattern.compile("vmexit\\.([a-z0-9-]+)\\.([A-Z_]+|" + OVERHEAD + ")");

  public VmExitMetric {
    java.util.Objects.requireNonNull(host, "host");
    java.util.Objects.requireNonNull(reason, "reason");
  }

  /** The exits of {@code reason} under {@code host}. */
  public static VmExitMetric exits(String host, VmExitReason reason) {
    return new VmExitMetric(host, Optional.of(reason));
  }

  /** The host time the exits under {@code host} cost, in nanoseconds. */
  public static VmExitMetric overhead(String host) {
    return new VmExitMetric(host, Optional.empty());
  }

  /**
   * The VM-exit metric {@code name} names; empty when it names none (another event, or an exit
   * reason that does not exist: see {@link #hasSyntax}).
   */
  public static Optional<VmExitMetric> parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    if (m.group(2).equals(OVERHEAD)) {
      return Optional.of(overhead(m.group(1)));
    }
    return Arrays.stream(VmExitReason.values()).filter(r -> r.name().equals(m.group(2)))
        .findFirst().map(r -> exits(m.group(1), r));
  }

  /**
   * Whether {@code name} has the form of a VM-exit metric, {@code vmexit.<host>.<PART>}, whether
   * or not its part is a valid reason: for the error that names the valid ones.
   */
  public static boolean hasSyntax(String name) {
    return NAME.matcher(name).matches();
  }

  /** Whether this is the overhead rather than a count of exits. */
  public boolean isOverhead() {
    return reason.isEmpty();
  }

  /** The unit: {@code ns} for the overhead, else {@code count}. */
  public String unit() {
    return isOverhead() ? "ns" : "count";
  }

  /** The metric's name, {@code vmexit.<host>.<REASON>} or {@code vmexit.<host>.overhead-ns}. */
  public String name() {
    return "vmexit." + host + "." + reason.map(Enum::name).orElse(OVERHEAD);
  }

  @Override
  public String toString() {
    return name();
  }
}
