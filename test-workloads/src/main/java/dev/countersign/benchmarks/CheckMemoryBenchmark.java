package dev.countersign.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The heap {@code check} needs as baselines grow: the files of {@link CheckScaleBenchmark} (one
 * test, four metrics, {@code n} samples per metric on each side) are checked, with every report
 * written, in fresh JVMs whose heap ({@code -Xmx}, serial GC) doubles from 8 MB until one
 * succeeds; that smallest heap is the figure, with the bytes it comes to per sample read. A run
 * with a 2 GB heap gives the time (CPU of the whole JVM, wall). JMH cannot give a peak heap, so
 * this is a plain harness; run it with
 *
 * <pre>
 * java -cp test-workloads/target/classes:$(cat test-workloads/target/cp.txt) \
 *     dev.countersign.benchmarks.CheckMemoryBenchmark 100000 1000000
 * </pre>
 */
public final class CheckMemoryBenchmark {

  private static final int MAX_HEAP_MB = 8192;

  private CheckMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--run")) {
      long start = System.nanoTime();
      CheckScaleBenchmark.checkAndReport(Path.of(args[1]));
      long cpu = ((com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      System.out.printf(Locale.ROOT, "cpu_ms=%d wall_ms=%d%n", cpu / 1_000_000,
          (System.nanoTime() - start) / 1_000_000);
      return;
    }
    System.out.printf(Locale.ROOT, "%-12s %-10s %-18s %-12s %-12s %s%n", "samples/metric",
        "min -Xmx", "per sample read", "cpu (2g)", "wall (2g)", "report.html");
    for (String a : args.length == 0 ? new String[] {"100000", "1000000"} : args) {
      int samples = Integer.parseInt(a);
      Path dir = Files.createTempDirectory("countersign-check-memory");
      CheckScaleBenchmark.writeFiles(dir, samples);
      int heap = 8;
      while (heap <= MAX_HEAP_MB && run(dir, heap) == null) {
        heap *= 2;
      }
      String timing = run(dir, 2048);
      long read = 2L * CheckScaleBenchmark.METRICS.size() * samples;
      String[] t = timing == null ? new String[] {"cpu_ms=?", "wall_ms=?"} : timing.split(" ");
      System.out.printf(Locale.ROOT, "%-14d %-10s %-18s %-12s %-12s %,d B%n", samples,
          heap > MAX_HEAP_MB ? "> " + MAX_HEAP_MB + " MB" : heap + " MB",
          String.format(Locale.ROOT, "%.1f B", heap * 1048576.0 / read),
          t[0].substring(7) + " ms", t[1].substring(8) + " ms",
          Files.size(dir.resolve("report").resolve("report.html")));
      delete(dir);
    }
  }

  /** Runs the check in a fresh JVM with the heap given; its timing line, or null on failure. */
  private static String run(Path dir, int heapMb) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        CheckMemoryBenchmark.class.getName(), "--run", dir.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      return null;
    }
    return out.lines().filter(l -> l.startsWith("cpu_ms=")).findFirst().orElse(null);
  }

  private static void delete(Path dir) throws IOException {
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
