package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model reacts as hardware does: each test runs an instrumented workload under a fresh
 * machine of the default profile and compares counts of two variants, or with a hand count.
 */
class KnownBehaviourTest {

  private static Class<?> workloads;

  @BeforeAll
  static void load() throws Exception {
    workloads = new InstrumentedLoader("simfixture.").loadClass("simfixture.Workloads");
  }

  static Machine measure(Class<?> type, String name, Object... args) throws Throwable {
    return measureOn(Machine.create(CpuProfile.zen4Server()), type, name, args);
  }

  /** One call of {@code type}'s public static {@code name}, counted on {@code machine}. */
  static Machine measureOn(Machine machine, Class<?> type, String name, Object... args)
      throws Throwable {
    Method m = Arrays.stream(type.getMethods()).filter(x -> x.getName().equals(name))
        .findFirst().orElseThrow();
    machine.begin();
    try {
      m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      machine.end();
    }
    return machine;
  }

  @Test
  void smallLoopCountsExactlyTheHandComputedInstructions() throws Throwable {
    // Workloads.sum(n): javac emits   iconst_0 istore_1 iconst_0 istore_2        (0)
    //   L: iload_2 iload_0 if_icmpge E                                          (2, n+1 times)
    //      iload_1 iload_2 iadd istore_1 iinc goto L                            (1+1+1, n times)
    //   E: iload_1 ireturn                                                      (3)
    // = 2(n+1) + 3n + 3 = 5n + 5; branches: n+1 conditional, n gotos, 1 return.
    Machine m = measure(workloads, "sum", 100);
    assertEquals(505, m.total(Counter.INSTRUCTIONS));
    assertEquals(202, m.total(Counter.BRANCHES));
    Machine m2 = measure(workloads, "sum", 1000);
    assertEquals(5005, m2.total(Counter.INSTRUCTIONS));
  }

  @Test
  void unsortedDataMispredictsOneBranchTenTimesMoreThanSorted() throws Throwable {
    int[] data = new Random(7).ints(100_000, 0, 256).toArray();
    int[] sorted = data.clone();
    Arrays.sort(sorted);
    Machine unsortedRun = measure(workloads, "countAbove", data, 128);
    Machine sortedRun = measure(workloads, "countAbove", sorted, 128);
    long unsorted = unsortedRun.total(Counter.BRANCH_MISSES);
    long inOrder = sortedRun.total(Counter.BRANCH_MISSES);
    System.out.printf("branch-misses unsorted %d sorted %d%n", unsorted, inOrder);
    assertEquals(unsortedRun.total(Counter.BRANCHES), sortedRun.total(Counter.BRANCHES));
    assertTrue(unsorted > 20_000, "random outcomes are mispredicted about half the time: " + unsorted);
    assertTrue(unsorted >= 10 * Math.max(1, inOrder), unsorted + " vs " + inOrder);
  }

  @Test
  void columnMajorTraversalMissesL1EightTimesMoreThanRowMajor() throws Throwable {
    int[][] matrix = new int[1024][1024];
    long rows = measure(workloads, "rowMajor", (Object) matrix).total(Counter.L1D_LOAD_MISSES);
    long columns = measure(workloads, "columnMajor", (Object) matrix).total(Counter.L1D_LOAD_MISSES);
    System.out.printf("L1-dcache-load-misses row-major %d column-major %d%n", rows, columns);
    assertTrue(rows > 1024 * 1024 / 16 / 2, "row-major misses once per 64-byte line: " + rows);
    assertTrue(columns >= 8 * rows, columns + " vs " + rows);
  }

  @Test
  void pointerChaseMissesTheLlcTenTimesMoreThanASequentialScan() throws Throwable {
    int n = 16 << 20; // 64 MiB of ints, twice the default profile's 32 MiB LLC
    int[] next = sattolo(n, new Random(11));
    Machine scan = measure(workloads, "scan", (Object) next);
    Machine chase = measure(workloads, "chase", next, 4 << 20);
    long scanMisses = scan.total(Counter.LLC_LOAD_MISSES);
    long chaseMisses = chase.total(Counter.LLC_LOAD_MISSES);
    System.out.printf("LLC-load-misses scan %d chase %d; dTLB-load-misses scan %d chase %d%n",
        scanMisses, chaseMisses, scan.total(Counter.DTLB_LOAD_MISSES),
        chase.total(Counter.DTLB_LOAD_MISSES));
    assertTrue(chaseMisses > (4 << 20) / 4, "random lines in 64 MiB mostly miss a 32 MiB LLC: "
        + chaseMisses);
    assertTrue(chaseMisses >= 10 * Math.max(1, scanMisses), chaseMisses + " vs " + scanMisses);
    assertTrue(chase.total(Counter.DTLB_LOAD_MISSES) > 10 * scan.total(Counter.DTLB_LOAD_MISSES));
    assertTrue(chase.total(Counter.CYCLES) > scan.total(Counter.CYCLES));
  }

  @Test
  void allocationIsCountedExactly() throws Throwable {
    Machine m = measure(workloads, "allocate", 1000);
    // Point: 12-byte header + 2 ints = 20 -> 24; long[10]: 16 + 80 = 96; byte[3]: 16 + 3 -> 24
    assertEquals(1000L * (24 + 96 + 24), m.total(Counter.ALLOC_BYTES));
  }

  @Test
  void countsAreIdenticalInTenRunsInFreshClassLoaders() throws Throwable {
    long[] first = null;
    for (int run = 0; run < 10; run++) {
      Class<?> fresh = new InstrumentedLoader("simfixture.").loadClass("simfixture.Workloads");
      Machine m = measure(fresh, "mixed", 20_000);
      long[] counts = Arrays.stream(Counter.values()).mapToLong(m::total).toArray();
      if (first == null) {
        first = counts;
        assertTrue(counts[Counter.INSTRUCTIONS.ordinal()] > 0);
        assertTrue(counts[Counter.BRANCH_MISSES.ordinal()] > 0);
        assertTrue(counts[Counter.L1D_LOAD_MISSES.ordinal()] > 0);
      } else {
        assertEquals(Arrays.toString(first), Arrays.toString(counts), "run " + run);
      }
    }
  }

  @Test
  void onlyTheMeasuredIterationCounts() throws Throwable {
    Method sum = workloads.getMethod("sum", int.class);
    sum.invoke(null, 1000); // not measured: no machine attached
    Machine m = Machine.create(CpuProfile.zen4Server());
    m.begin();
    m.end();
    sum.invoke(null, 1000); // after end: not counted
    assertEquals(0, m.total(Counter.INSTRUCTIONS));
  }

  @Test
  void threadsStartedDuringTheIterationAreCountedIntoTheSameModel() throws Throwable {
    Machine m = measure(workloads, "sumOnNewThread", 100);
    assertEquals(1, m.threadsCounted());
    assertTrue(m.total(Counter.INSTRUCTIONS) > 505, "the child's 505 plus the parent's own");
  }

  static int[] sattolo(int n, Random r) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
