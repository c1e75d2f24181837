package dev.countersign.perf;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.countersign.events.EventCatalog;
import dev.countersign.results.Environments;
import dev.countersign.results.JvmAgents;
import dev.countersign.results.ResultStore;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM entry point of {@link KernelCountingMeaningTest}: measures {@code page-faults} of a
 * workload whose every fault happens in kernel mode, writes the result file as the extension
 * would, then prints the doctor's report. Arguments: the results directory.
 *
 * <p>The workload maps {@value #PAGES} fresh anonymous pages (no transparent huge pages) and fills
 * them with {@code read()} from {@code /dev/zero}: the kernel's copy to user space takes each
 * page's first-touch fault, so a count of user mode only sees none of them.
 */
public final class KernelFaultsMain {

  static final int PAGES = 1024;
  static final TestId TEST = new TestId("sample.ReadPerfTest", "readIntoFreshPages",
      "readIntoFreshPages()");
  private static final long PAGE = 4096;

  /** The few libc calls the workload needs. */
  interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    int munmap(Pointer addr, long length);

    int madvise(Pointer addr, long length, int advice);

    int open(String path, int flags);

    long read(int fd, Pointer buf, long count);

    int close(int fd);
  }

  private KernelFaultsMain() {}

  public static void main(String[] args) throws Throwable {
    RunPlan plan = new RunPlan(List.of(EventCatalog.parse("page-faults")), List.of(), 2, 5, 1,
        new ProbeRequest(Mode.PERF, List.of()));
    Measurement m = new Runner(List.of(new PerfEventProbeProvider()), List.of())
        .run(plan, KernelFaultsMain::readIntoFreshPages);
    TestResult result = new TestResult(TestResult.SCHEMA_VERSION, TEST,
        new RunConfiguration("perf", 2, 5, 1, 1, JvmAgents.current()), Environments.current(),
        m.metrics(), m.unavailable(), List.of(), List.of());
    System.out.println("WROTE " + new ResultStore(Path.of(args[0])).write(result));
    Doctor.report(null).forEach(line -> System.out.println("DOCTOR " + line));
  }

  static void readIntoFreshPages() {
    LibC c = LibC.INSTANCE;
    long length = PAGES * PAGE;
    // PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS
    Pointer region = c.mmap(null, length, 0x1 | 0x2, 0x02 | 0x20, -1, 0);
    if (Pointer.nativeValue(region) == -1) {
      throw new IllegalStateException("mmap failed: errno " + Native.getLastError());
    }
    c.madvise(region, length, 15); // MADV_NOHUGEPAGE: one fault per 4 KiB page
    int fd = c.open("/dev/zero", 0);
    try {
      long done = 0;
      while (done < length) {
        long n = c.read(fd, region.share(done), length - done);
        if (n <= 0) {
          throw new IllegalStateException("read failed: errno " + Native.getLastError());
        }
        done += n;
      }
    } finally {
      c.close(fd);
      c.munmap(region, length);
    }
  }
}
