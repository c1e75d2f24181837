package dev.countersign.perf;

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

  /**
   * A reader of {@code fd} into a buffer of {@code bytes} of its own; its {@link
   * CounterReader#read} is {@code read(fd, buffer, bytes)}. The fd stays the caller's to close.
   */
  CounterReader reader(int fd, int bytes);

  /** {@code close(fd)}: 0 or {@code -errno}. */
  int close(int fd);
}
