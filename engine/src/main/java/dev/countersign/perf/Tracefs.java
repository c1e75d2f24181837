package dev.countersign.perf;

import dev.countersign.results.ErrorCode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds tracepoint ids in tracefs ({@code /sys/kernel/tracing}, or the older mount under {@code
 * /sys/kernel/debug/tracing}).
 */
final class Tracefs {

  private final List<Path> roots;

  /** The standard mount points, in the kernel's order of preference. */
  public Tracefs() {
    this(List.of(Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing")));
  }

  Tracefs(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** The first root that is a mounted tracefs (has {@code events/}), if any. */
  public Optional<Path> root() {
    for (Path r : roots) {
      if (Files.isDirectory(r.resolve("events")) || Files.exists(r.resolve("trace"))) {
        return Optional.of(r);
      }
    }
    // a root-only tracefs (mode 700) looks empty to others: tell "not readable" from "absent"
    for (Path r : roots) {
      if (Files.isDirectory(r) && !Files.isReadable(r)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * The id of tracepoint {@code subsystem:name}, the {@code config} of a PERF_TYPE_TRACEPOINT
   * event.
   *
   * @throws PerfUnavailableException when tracefs is not mounted, not readable, or has no such
   *     tracepoint
   */
  public long id(String tracepoint) throws PerfUnavailableException {
    int colon = tracepoint.indexOf(':');
    String sys = tracepoint.substring(0, colon);
    String name = tracepoint.substring(colon + 1);
    Path root = root().orElseThrow(() -> new PerfUnavailableException(ErrorCode.ENOENT,
        "tracefs is not mounted (looked in " + roots + ")",
        "sudo mount -t tracefs nodev /sys/kernel/tracing"));
    Path idFile = root.resolve("events").resolve(sys).resolve(name).resolve("id");
    try {
      return Long.parseLong(Files.readString(idFile).strip());
    } catch (AccessDeniedException e) {
      throw notReadable(root);
    } catch (IOException e) {
      if (!Files.isReadable(root) || !Files.isReadable(root.resolve("events"))) {
        throw notReadable(root);
      }
      throw new PerfUnavailableException(ErrorCode.ENOENT,
          "this kernel has no tracepoint " + tracepoint + " (no " + idFile + ")",
          "see 'perf list tracepoint' or ls " + root.resolve("events") + " for the ones it has");
    } catch (NumberFormatException e) {
      throw new PerfUnavailableException(ErrorCode.EINVAL,
          "unreadable tracepoint id in " + idFile, "check the tracefs mount");
    }
  }

  private static PerfUnavailableException notReadable(Path root) {
    return new PerfUnavailableException(ErrorCode.EACCES,
        "tracefs at " + root + " is readable by root only, so the tracepoint id cannot be looked up",
        "sudo mount -o remount,mode=755 " + root + " (and perf_event_paranoid <= 1 or CAP_PERFMON"
            + " to count kernel events)");
  }
}
