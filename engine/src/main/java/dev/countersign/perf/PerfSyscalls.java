package dev.countersign.perf;

import com.sun.jna.Pointer;

/**
 * The few system calls the perf engine makes, narrowed so that the engine's logic (groups,
 * scaling, errors) can be exercised without a PMU. Every method returns a negative errno instead
 * of throwing, so callers handle refusals as values.
 */
public interface PerfSyscalls {

  /**
   * {@code perf_event_open(attr, pid, cpu, group_fd, flags)}.
   *
   * @param attr the encoded {@code struct perf_event_attr}; on {@code E2BIG} the kernel writes the
   *     size it expects into bytes 4..7, and implementations copy that back into this array
   * @return the new file descriptor, or {@code -errno}
   */
  int perfEventOpen(byte[] attr, int pid, int cpu, int groupFd, long flags);

  /** {@code ioctl(fd, request, arg)} with an integer argument: 0 (or a value), or {@code -errno}. */
  int ioctl(int fd, long request, long arg);

  /** {@code ioctl(fd, PERF_EVENT_IOC_SET_FILTER, filter)}: 0 or {@code -errno}. */
  int setFilter(int fd, String filter);

  /** {@code read(fd, buffer, bytes)}: the number of bytes read, or {@code -errno}. */
  long read(int fd, Pointer buffer, long bytes);

  /** {@code close(fd)}: 0 or {@code -errno}. */
  int close(int fd);
}
