package dev.countersign.perf;

import java.util.Map;

/**
 * The errno values {@code perf_event_open}, {@code ioctl} and {@code read} give, by number (the
 * generic Linux numbering, the same on x86_64 and aarch64), with what each means for counting.
 */
final class Errno {

  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int E2BIG = 7;
  public static final int ECHILD = 10;
  public static final int EBADF = 9;
  public static final int EACCES = 13;
  public static final int EFAULT = 14;
  public static final int EBUSY = 16;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int EMFILE = 24;
  public static final int ENOSPC = 28;
  public static final int ENOSYS = 38;
  public static final int EOPNOTSUPP = 95;

  private static final Map<Integer, String[]> KNOWN =
      Map.ofEntries(
          Map.entry(EPERM, new String[] {"EPERM",
              "the kernel refused this combination of exclude_* bits or a privileged event"}),
          Map.entry(ENOENT, new String[] {"ENOENT",
              "no PMU event of this kind here (a VM without a virtual PMU, or an event this CPU"
                  + " does not have)"}),
          Map.entry(ESRCH, new String[] {"ESRCH", "the thread to count no longer exists"}),
          Map.entry(E2BIG, new String[] {"E2BIG",
              "the kernel does not accept this perf_event_attr size"}),
          Map.entry(ECHILD, new String[] {"ECHILD",
              "an inherited copy of the group (in a thread the test started) does not match the"
                  + " group: the thread is exiting, or the group changed"}),
          Map.entry(EBADF, new String[] {"EBADF", "bad file descriptor (group leader closed)"}),
          Map.entry(EACCES, new String[] {"EACCES",
              "not permitted at this perf_event_paranoid level without CAP_PERFMON"}),
          Map.entry(EFAULT, new String[] {"EFAULT", "bad address passed to the kernel"}),
          Map.entry(EBUSY, new String[] {"EBUSY", "the PMU is held exclusively by another user"}),
          Map.entry(ENODEV, new String[] {"ENODEV", "this PMU feature is absent"}),
          Map.entry(EINVAL, new String[] {"EINVAL",
              "the kernel rejected the event's configuration (or the group cannot fit the"
                  + " counters)"}),
          Map.entry(EMFILE, new String[] {"EMFILE", "too many open files (ulimit -n)"}),
          Map.entry(ENOSPC, new String[] {"ENOSPC", "no counter or breakpoint slot left"}),
          Map.entry(ENOSYS, new String[] {"ENOSYS",
              "perf_event_open is not implemented by this kernel (CONFIG_PERF_EVENTS off, or a"
                  + " seccomp filter, as in some containers)"}),
          Map.entry(EOPNOTSUPP, new String[] {"EOPNOTSUPP",
              "the hardware lacks a feature this event needs"}));

  private Errno() {}

  /** The symbolic name, e.g. {@code ENOENT}; {@code errno <n>} for one not listed here. */
  public static String name(int errno) {
    String[] k = KNOWN.get(errno);
    return k == null ? "errno " + errno : k[0];
  }

  /** What the errno means for a perf event, in a phrase. */
  public static String meaning(int errno) {
    String[] k = KNOWN.get(errno);
    return k == null ? "the kernel refused the call" : k[1];
  }
}
