package dev.countersign.perf;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Locale;

/**
 * The real {@link PerfSyscalls}: libc through JNA direct mapping (no per-call argument arrays),
 * and counter reads — the per-invocation hot path — through the {@link ReadPath} chosen at run
 * time: {@code java.lang.foreign} on JDK 22 and later, JNA before. {@code perf_event_open} has no
 * libc wrapper and goes through {@code syscall(2)} with the architecture's number (x86_64 298,
 * aarch64 241).
 */
public final class LinuxPerfSyscalls implements PerfSyscalls {

  private static final long PERF_EVENT_IOC_SET_FILTER = 0x40082406L;

  private final long perfEventOpenNumber;
  private final ReadPath readPath;
  /** The FFM binding when {@link #readPath} is FFM, else null. */
  private final FfmReadBinding ffm;
  private final String readPathReason;

  private LinuxPerfSyscalls(long perfEventOpenNumber, ReadPath readPath, FfmReadBinding ffm,
      String readPathReason) {
    this.perfEventOpenNumber = perfEventOpenNumber;
    this.readPath = readPath;
    this.ffm = ffm;
    this.readPathReason = readPathReason;
  }

  /**
   * The binding for this machine, reading counters through FFM where this JDK has it (22+) and
   * allows it, else through JNA.
   *
   * @throws UnsupportedOperationException when this is not Linux on x86_64 or aarch64, or libc
   *     cannot be bound; the message says which
   */
  public static LinuxPerfSyscalls load() {
    long number = syscallNumber();
    try {
      return new LinuxPerfSyscalls(number, ReadPath.FFM, FfmReadBinding.load(),
          "java.lang.foreign on JDK " + Runtime.version().feature());
    } catch (UnsupportedOperationException e) {
      return new LinuxPerfSyscalls(number, ReadPath.JNA, null, e.getMessage());
    }
  }

  /**
   * The binding with counters read through {@code path}, for comparing the two.
   *
   * @throws UnsupportedOperationException when that path (or perf_event_open) is not available
   *     here; the message says why
   */
  public static LinuxPerfSyscalls load(ReadPath path) {
    long number = syscallNumber();
    return path == ReadPath.FFM
        ? new LinuxPerfSyscalls(number, path, FfmReadBinding.load(), "asked for")
        : new LinuxPerfSyscalls(number, path, null, "asked for");
  }

  /** How this binding reads counters. */
  public ReadPath readPath() {
    return readPath;
  }

  /** Why {@link #readPath} was chosen: the JDK, or why FFM could not be used. */
  public String readPathReason() {
    return readPathReason;
  }

  private static long syscallNumber() {
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
    return number;
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
  public CounterReader reader(int fd, int bytes) {
    return ffm != null ? ffm.reader(fd, bytes) : new JnaReader(fd, bytes);
  }

  @Override
  public int close(int fd) {
    try {
      return Libc.close(fd);
    } catch (LastErrorException e) {
      return -e.getErrorCode();
    }
  }

  /** {@code read(2)} through JNA into a direct buffer whose address is taken once. */
  private static final class JnaReader extends NativeBufferReader {

    private final Pointer address;

    JnaReader(int fd, int bytes) {
      super(fd, bytes);
      this.address = Native.getDirectBufferPointer(buffer);
    }

    @Override
    public long read() {
      try {
        return Libc.read(fd, address, buffer.capacity());
      } catch (LastErrorException e) {
        return -e.getErrorCode();
      }
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
