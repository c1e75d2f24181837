package dev.countersign.perf;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a perf event name into the {@code type} and {@code config} words of its {@link
 * PerfEventAttr}: generic hardware and cache events by their PERF_COUNT_* numbers, software
 * events, raw {@code rNNNN} and {@code cpu/event=..,umask=../} through the PMU's sysfs format
 * description, and tracepoints through their tracefs id.
 */
final class EventEncoder {

  private final Tracefs tracefs;
  private final Path pmuDevices;

  /** The encoder for this machine's sysfs and tracefs. */
  public EventEncoder() {
    this(new Tracefs(), Path.of("/sys/bus/event_source/devices"));
  }

  EventEncoder(Tracefs tracefs, Path pmuDevices) {
    this.tracefs = tracefs;
    this.pmuDevices = pmuDevices;
  }

  /**
   * The attribute selecting {@code spec} (type, config, config1, config2; no flags).
   *
   * @throws PerfUnavailableException when the event cannot be resolved on this machine
   * @throws IllegalArgumentException when {@code spec} is not a perf event (JVM, VM exit)
   */
  public PerfEventAttr encode(EventSpec spec) throws PerfUnavailableException {
    String name = spec.name();
    return switch (spec.kind()) {
      case HARDWARE -> attr(PerfEventAttr.TYPE_HARDWARE, EventCatalog.HARDWARE.indexOf(name));
      case SOFTWARE -> attr(PerfEventAttr.TYPE_SOFTWARE, EventCatalog.SOFTWARE.indexOf(name));
      case HW_CACHE -> attr(PerfEventAttr.TYPE_HW_CACHE, cacheConfig(name));
      case TRACEPOINT -> attr(PerfEventAttr.TYPE_TRACEPOINT, tracefs.id(name));
      case RAW -> raw(name);
      default -> throw new IllegalArgumentException(spec.kind() + " event " + name
          + " is not counted by perf_event_open");
    };
  }

  private static PerfEventAttr attr(int type, long config) {
    if (config < 0) {
      throw new IllegalArgumentException("not in the catalog: type " + type);
    }
    return new PerfEventAttr(type, config, 0, 0, 0, 0);
  }

  /** {@code id | op << 8 | result << 16} (PERF_TYPE_HW_CACHE encoding). */
  static long cacheConfig(String name) {
    for (int c = 0; c < EventCatalog.CACHES.size(); c++) {
      String cache = EventCatalog.CACHES.get(c) + "-";
      if (!name.startsWith(cache)) {
        continue;
      }
      String rest = name.substring(cache.length());
      for (int op = 0; op < EventCatalog.CACHE_OPS.size(); op++) {
        String o = EventCatalog.CACHE_OPS.get(op);
        String access = o.equals("prefetch") ? "prefetches" : o + "s";
        if (rest.equals(access)) {
          return c | ((long) op << 8);
        }
        if (rest.equals(o + "-misses")) {
          return c | ((long) op << 8) | (1L << 16);
        }
      }
    }
    throw new IllegalArgumentException("not a cache event: " + name);
  }

  private PerfEventAttr raw(String name) throws PerfUnavailableException {
    if (name.startsWith("r")) {
      return new PerfEventAttr(PerfEventAttr.TYPE_RAW, Long.parseUnsignedLong(name.substring(1), 16),
          0, 0, 0, 0);
    }
    // cpu/term=value,term/ : terms placed by /sys/bus/event_source/devices/cpu/format/<term>
    Path pmu = pmuDevices.resolve("cpu");
    int type;
    try {
      type = Integer.parseInt(Files.readString(pmu.resolve("type")).strip());
    } catch (IOException | NumberFormatException e) {
      throw new PerfUnavailableException(ErrorCode.ENOENT,
          "no 'cpu' PMU in " + pmuDevices + " (a VM without a virtual PMU), so " + name
              + " cannot be encoded",
          "use -Dcountersign.mode=sim or run on bare metal");
    }
    long[] config = new long[3];
    String body = name.substring("cpu/".length(), name.length() - 1);
    for (String term : body.split(",")) {
      if (term.isEmpty()) {
        continue;
      }
      int eq = term.indexOf('=');
      String key = eq < 0 ? term : term.substring(0, eq);
      long value = eq < 0 ? 1 : parseNumber(term.substring(eq + 1), name);
      String format;
      try {
        format = Files.readString(pmu.resolve("format").resolve(key)).strip();
      } catch (IOException e) {
        throw new PerfUnavailableException(ErrorCode.EINVAL,
            "the cpu PMU has no format term '" + key + "' (in " + name + ")",
            "see ls " + pmu.resolve("format") + " for the terms it accepts");
      }
      place(format, value, config, name);
    }
    return new PerfEventAttr(type, config[0], config[1], config[2], 0, 0);
  }

  private static long parseNumber(String text, String event) throws PerfUnavailableException {
    try {
      String t = text.toLowerCase(Locale.ROOT);
      return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new PerfUnavailableException(ErrorCode.EINVAL, "'" + text + "' in " + event
          + " is not a number", "write values as decimal or 0x-prefixed hex");
    }
  }

  /**
   * Places {@code value} into the config word bits a sysfs format line names, e.g. {@code
   * config:0-7} or {@code config1:0-15,32-35} (low bits of the value fill the ranges in order).
   */
  static void place(String format, long value, long[] config, String event)
      throws PerfUnavailableException {
    int colon = format.indexOf(':');
    String word = format.substring(0, colon);
    int index = switch (word) {
      case "config" -> 0;
      case "config1" -> 1;
      case "config2" -> 2;
      default -> throw new PerfUnavailableException(ErrorCode.EINVAL,
          "unsupported PMU format word '" + word + "' for " + event, "use an rNNNN raw event");
    };
    long remaining = value;
    for (String range : format.substring(colon + 1).split(",")) {
      int dash = range.indexOf('-');
      int lo = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
      int hi = dash < 0 ? lo : Integer.parseInt(range.substring(dash + 1));
      int width = hi - lo + 1;
      long mask = width == 64 ? -1L : (1L << width) - 1;
      config[index] |= (remaining & mask) << lo;
      remaining = width == 64 ? 0 : remaining >>> width;
    }
    if (remaining != 0) {
      throw new PerfUnavailableException(ErrorCode.EINVAL, "value 0x" + Long.toHexString(value)
          + " does not fit format " + format + " in " + event, "check the event's encoding");
    }
  }
}
