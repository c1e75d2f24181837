package dev.countersign.perf;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Locale;

/**
 * The real {@link PerfSyscalls}: libc through JNA direct mapping (no per-call argument arrays, so
 * the read path does not allocate). {@code perf_event_open} has no libc wrapper and goes through
 * {@code syscall(2)} with the architecture's number (x86_64 298, aarch64 241).
 */
public final class LinuxPerfSyscalls implements PerfSyscalls {

  private static final long PERF_EVENT_IOC_SET_FILTER = 0x40082406L;

  private final long perfEventOpenNumber;

  private LinuxPerfSyscalls(long perfEventOpenNumber) {
    this.perfEventOpenNumber = perfEventOpenNumber;
  }

  /**
   * The binding for this machine.
   *
   * @throws UnsupportedOperationException when this is not Linux on x86_64 or aarch64, or libc
   *     cannot be bound; the message says which
   */
  public static LinuxPerfSyscalls load() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new UnsupportedOperationException(
          "perf_event_open exists only on Linux; this is " + System.getProperty("os.name"));
    }
    String arch = System.getProperty("os.arch", "");
    long number =
        switch (arch) {
          case "amd64", "x86_64" -> 298;
          case "aarch64", "arm64" -> 241;
          default -> throw new UnsupportedOperationException(
              "no perf_event_open syscall number known for architecture " + arch
                  + " (supported: x86_64, aarch64)");
        };
    try {
      Libc.ensureRegistered();
    } catch (LinkageError e) {
      throw new UnsupportedOperationException("cannot bind libc through JNA: " + e.getMessage(), e);
    }
    return new LinuxPerfSyscalls(number);
  }

  @Override
  public int perfEventOpen(byte[] attr, int pid, int cpu, int groupFd, long flags) {
    Memory mem = new Memory(attr.length);
    mem.write(0, attr, 0, attr.length);
    try {
      return (int) Libc.syscall(perfEventOpenNumber, mem, pid, cpu, groupFd, flags);
    } catch (LastErrorException e) {
      // on E2BIG the kernel has written the size it expects back into attr.size
      mem.read(0, attr, 0, attr.length);
      return -e.getErrorCode();
    } finally {
      mem.close();
    }
  }

  @Override
  public int ioctl(int fd, long request, long arg) {
    try {
      return Libc.ioctl(fd, request, arg);
    } catch (LastErrorException e) {
      return -e.getErrorCode();
    }
  }

  @Override
  public int setFilter(int fd, String filter) {
    Memory text = new Memory(filter.length() * 4L + 1);
    text.setString(0, filter, "UTF-8");
    try {
      return Libc.ioctl(fd, PERF_EVENT_IOC_SET_FILTER, Pointer.nativeValue(text));
    } catch (LastErrorException e) {
      return -e.getErrorCode();
    } finally {
      text.close();
    }
  }

  @Override
  public long read(int fd, Pointer buffer, long bytes) {
    try {
      return Libc.read(fd, buffer, bytes);
    } catch (LastErrorException e) {
      return -e.getErrorCode();
    }
  }

  @Override
  public int close(int fd) {
    try {
      return Libc.close(fd);
    } catch (LastErrorException e) {
      return -e.getErrorCode();
    }
  }

  /** Direct-mapped libc functions. */
  private static final class Libc {
    static {
      Native.register(Libc.class, "c");
    }

    static void ensureRegistered() {
      // the static initialiser above does the work
    }

    static native long syscall(long number, Pointer attr, long pid, long cpu, long groupFd,
        long flags) throws LastErrorException;

    static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    static native long read(int fd, Pointer buffer, long count) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
  }
}
