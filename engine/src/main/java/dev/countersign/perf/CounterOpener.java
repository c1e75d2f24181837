package dev.countersign.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens counters for a list of events on one thread, grouping them: each event joins the current
 * group, and starts a new one when the kernel says the group cannot take it ({@code ENOSPC}, or
 * {@code EINVAL} from the PMU's group validation, e.g. x86 {@code validate_group}). When the kernel
 * refuses {@code inherit} together with {@code PERF_FORMAT_GROUP}, every event gets its own
 * counter read on its own.
 */
final class CounterOpener {

  static final long FLAG_FD_CLOEXEC = 8;

  private final PerfSyscalls sys;

  CounterOpener(PerfSyscalls sys) {
    this.sys = sys;
  }

  /** Why one event could not be opened. {@code filter}: the kernel rejected its filter. */
  record Failure(int errno, boolean filter) {}

  /** The groups opened and the events that failed, by slot. */
  record Opened(List<PerfEventGroup> groups, Map<Integer, Failure> failures) {
    void close() {
      for (PerfEventGroup g : groups) {
        g.close();
      }
    }
  }

  /**
   * @param attrs per slot, the event's type and config
   * @param filters per slot, a tracepoint filter or null
   * @param slots the slots to open, in order
   * @param pid 0 for the calling thread, else a TID
   * @param flags flag bits for every counter (inherit, exclude_kernel); DISABLED is added to leaders
   */
  Opened open(List<PerfEventAttr> attrs, List<String> filters, List<Integer> slots, int pid,
      long flags) {
    List<PerfEventGroup> groups = new ArrayList<>();
    Map<Integer, Failure> failures = new LinkedHashMap<>();
    boolean groupReads = true;
    PerfEventGroup current = null;
    try {
      for (int slot : slots) {
        PerfEventAttr attr = attrs.get(slot);
        String filter = filters.get(slot);
        if (current != null && current.grouped() && !current.isFull()) {
          int fd = openOne(attr.withReadFormat(PerfEventGroup.GROUP_FORMAT).withFlags(flags), pid,
              current.leaderFd());
          if (fd >= 0) {
            int f = applyFilter(fd, filter);
            if (f == 0) {
              current.add(fd, slot);
            } else {
              sys.close(fd);
              failures.put(slot, new Failure(f, true));
            }
            continue;
          }
          if (fd != -Errno.ENOSPC && fd != -Errno.EINVAL) {
            failures.put(slot, new Failure(-fd, false));
            continue;
          }
          // the group cannot take it: it leads a new one
        }
        current = null;
        long leaderFlags = flags | PerfEventAttr.DISABLED;
        long format = groupReads ? PerfEventGroup.GROUP_FORMAT : PerfEventGroup.SINGLE_FORMAT;
        int fd = openOne(attr.withReadFormat(format).withFlags(leaderFlags), pid, -1);
        if (fd == -Errno.EINVAL && groupReads && (flags & PerfEventAttr.INHERIT) != 0) {
          int single = openOne(attr.withReadFormat(PerfEventGroup.SINGLE_FORMAT)
              .withFlags(leaderFlags), pid, -1);
          if (single >= 0) {
            groupReads = false;
          }
          fd = single;
        }
        if (fd < 0) {
          failures.put(slot, new Failure(-fd, false));
          continue;
        }
        int f = applyFilter(fd, filter);
        if (f != 0) {
          sys.close(fd);
          failures.put(slot, new Failure(f, true));
          continue;
        }
        current = new PerfEventGroup(sys, groupReads, groupReads ? slots.size() : 1);
        current.add(fd, slot);
        groups.add(current);
      }
      return new Opened(groups, failures);
    } catch (RuntimeException | Error e) {
      for (PerfEventGroup g : groups) {
        g.close();
      }
      throw e;
    }
  }

  /** Returns 0, or the errno of a rejected filter. */
  private int applyFilter(int fd, String filter) {
    if (filter == null) {
      return 0;
    }
    int r = sys.setFilter(fd, filter);
    return r < 0 ? -r : 0;
  }

  /**
   * One {@code perf_event_open}; on {@code E2BIG} retries once with the size the kernel wrote back
   * when that size still holds every field set (older kernels).
   */
  int openOne(PerfEventAttr attr, int pid, int groupFd) {
    byte[] encoded = attr.encode(PerfEventAttr.SIZE);
    int fd = sys.perfEventOpen(encoded, pid, -1, groupFd, FLAG_FD_CLOEXEC);
    if (fd == -Errno.E2BIG) {
      int wanted = PerfEventAttr.sizeField(encoded);
      boolean fits = wanted >= PerfEventAttr.SIZE_VER0 && wanted != PerfEventAttr.SIZE
          && (wanted >= 72 || attr.config2() == 0);
      if (fits) {
        fd = sys.perfEventOpen(attr.encode(wanted), pid, -1, groupFd, FLAG_FD_CLOEXEC);
      }
    }
    return fd;
  }
}
