package dev.countersign.perf;

import dev.countersign.results.ErrorCode;

/**
 * The errno values {@code perf_event_open}, {@code ioctl} and {@code read} give, by number (the
 * generic Linux numbering, the same on x86_64 and aarch64), for switching on; their codes and
 * what each means for counting are {@link ErrorCode}'s.
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

  private Errno() {}

  /** The code of {@code errno}, with its meaning ({@link ErrorCode#meaning()}). */
  public static ErrorCode code(int errno) {
    return ErrorCode.ofErrno(errno);
  }

  /** What the errno means for a perf event, in a phrase; an unlisted one names its number. */
  public static String meaning(int errno) {
    ErrorCode code = code(errno);
    return code == ErrorCode.ERRNO ? code.meaning() + " (errno " + errno + ")" : code.meaning();
  }
}
