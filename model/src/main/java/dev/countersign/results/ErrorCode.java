package dev.countersign.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a metric asked for could not be measured: the short, machine-readable code an {@link
 * UnavailableMetric} carries, written into result files by its {@link #id()} and read back
 * once, by {@link #parse}, at the JSON edge.
 *
 * <p>Two families: Countersign's own diagnoses ({@link #NOT_COUNTED}, {@link #BLIND}, ...), and
 * the Linux errno values {@code perf_event_open}, {@code ioctl} and {@code read} give (the
 * generic numbering, the same on x86_64 and aarch64), each with what it means for counting. A
 * new code is a constant here, with its meaning; nothing else names codes.
 */
public enum ErrorCode {
  /** Asked for, opened, but no value was recorded for it. */
  NOT_COUNTED("the metric was asked for but no value of it was recorded"),
  /** It would open and count 0: the activity happens where this run may not look. */
  BLIND("it would open but count 0: what it counts happens where this run may not look"),
  /** A simulated metric without the simulator's {@code -javaagent}. */
  NO_AGENT("a simulated metric, and the simulator's -javaagent is not loaded"),
  /** No source in this mode can measure it. */
  UNSUPPORTED("no source in this mode can measure or derive it"),
  /** The JVM's counter was disturbed (a GC, a compilation) in every invocation. */
  DISTURBED("the JVM's own activity disturbed the measurement"),
  /** Measured in some batches of sequential sampling but not in all. */
  INCOMPLETE("measured in some batches of sequential sampling but not in all"),
  /**
   * Most invocations counted no more than the probes' own reads in an empty span (the harness
   * floor), so that the floor's subtraction left 0: the median is not a measurement.
   */
  BELOW_FLOOR("most invocations counted no more than the probes' own reads (the harness floor)"),
  /** A value that cannot be negative was recorded below 0. */
  NEGATIVE("a value that cannot be negative was recorded below 0"),

  EPERM(1, "the kernel refused this combination of exclude_* bits or a privileged event"),
  ENOENT(2, "no PMU event of this kind here (a VM without a virtual PMU, or an event this CPU"
      + " does not have)"),
  ESRCH(3, "the thread to count no longer exists"),
  E2BIG(7, "the kernel does not accept this perf_event_attr size"),
  EBADF(9, "bad file descriptor (group leader closed)"),
  ECHILD(10, "an inherited copy of the group (in a thread the test started) does not match the"
      + " group: the thread is exiting, or the group changed"),
  EACCES(13, "not permitted at this perf_event_paranoid level without CAP_PERFMON"),
  EFAULT(14, "bad address passed to the kernel"),
  EBUSY(16, "the PMU is held exclusively by another user"),
  ENODEV(19, "this PMU feature is absent"),
  EINVAL(22, "the kernel rejected the event's configuration (or the group cannot fit the"
      + " counters)"),
  EMFILE(24, "too many open files (ulimit -n)"),
  ENOSPC(28, "no counter or breakpoint slot left"),
  ENOSYS(38, "perf_event_open is not implemented by this kernel (CONFIG_PERF_EVENTS off, or a"
      + " seccomp filter, as in some containers)"),
  EOPNOTSUPP(95, "the hardware lacks a feature this event needs"),
  /** An errno not listed here (the number is in the reason). */
  ERRNO("the kernel refused the call");

  /** How an unlisted errno was written before this type existed: {@code errno 42}. */
  private static final String LEGACY_ERRNO_PREFIX = "errno ";

  private final int errno;
  private final String meaning;

  ErrorCode(String meaning) {
    this(0, meaning);
  }

  ErrorCode(int errno, String meaning) {
    this.errno = errno;
    this.meaning = meaning;
  }

  /** The code as written in files and tables: its name ({@code BLIND}, {@code ENOENT}). */
  @JsonValue
  public String id() {
    return name();
  }

  /** What the code means, in a phrase, for a user reading a diagnosis. */
  public String meaning() {
    return meaning;
  }

  /** Whether this is an errno the kernel gave. */
  public boolean isErrno() {
    return errno != 0 || this == ERRNO;
  }

  /** The code of a Linux errno number; {@link #ERRNO} for one not listed. */
  public static ErrorCode ofErrno(int errno) {
    return Arrays.stream(values()).filter(c -> c.errno == errno && errno != 0).findFirst()
        .orElse(ERRNO);
  }

  /**
   * The code written as {@code text} in a result file. Also reads the spelling older files use
   * for an unlisted errno ({@code errno 42}).
   *
   * @throws IllegalArgumentException naming the value and the known codes, for anything else
   */
  @JsonCreator
  public static ErrorCode parse(String text) {
    return find(text).orElseThrow(() -> new IllegalArgumentException("unknown error code '"
        + Printable.of(String.valueOf(text)) + "' of an unavailable metric (known: "
        + Arrays.stream(values()).map(ErrorCode::id).collect(Collectors.joining(", "))
        + "): the file was written by another version of Countersign or edited by hand; run"
        + " the tests again ('mvn clean verify')"));
  }

  private static Optional<ErrorCode> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.startsWith(LEGACY_ERRNO_PREFIX)
        && text.substring(LEGACY_ERRNO_PREFIX.length()).matches("[0-9]+")) {
      return Optional.of(ERRNO);
    }
    return Arrays.stream(values()).filter(c -> c.id().equals(text)).findFirst();
  }
}
