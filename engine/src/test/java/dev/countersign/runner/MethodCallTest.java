package dev.countersign.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.jvm.JvmProbeProvider;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's call of a test method ({@code Workload.of}). */
class MethodCallTest {

  /** A test class as JUnit sees one: package-private methods, one inherited, one static. */
  static class Base {
    int calls;

    void inherited() {
      calls++;
    }
  }

  static final class Subject extends Base {
    static int staticCalls;
    long sum;

    void empty() {}

    private void privateOne() {
      calls++;
    }

    void withArguments(int a, String b, long c) {
      sum += a + b.length() + c;
    }

    static void staticOne() {
      staticCalls++;
    }

    void throwsChecked() throws IOException {
      throw new IOException("the workload's own");
    }
  }

  private static Method method(String name, Class<?>... types) throws NoSuchMethodException {
    return Subject.class.getDeclaredMethod(name, types);
  }

  /** The alloc-bytes of {@code invocations} measured calls of {@code workload}, no warm-up. */
  private static double[] allocations(Workload workload, int invocations) throws Throwable {
    RunPlan plan = new RunPlan(List.of(EventCatalog.parse("alloc-bytes")), List.of(), 0,
        invocations, 1, new ProbeRequest(Mode.AUTO, List.of()));
    return new Runner(List.of(new JvmProbeProvider()), List.of()).run(plan, workload)
        .metric("alloc-bytes").orElseThrow().values();
  }

  /**
   * Across java.lang.invoke's customization threshold (a non-constant handle's 128th call), no
   * invocation allocates: nothing is spun at any call.
   */
  @Test
  void noInvocationAllocatesAcrossTheHandlesCustomizationThreshold() throws Throwable {
    Workload w = MethodCall.direct(method("empty"), new Subject(), new Object[0]);
    double[] alloc = allocations(w, 300);
    for (int i = 0; i < alloc.length; i++) {
      // JVM-wide: other threads' housekeeping stays far below the ~13 kB of a spun class
      assertTrue(alloc[i] < 1024, "invocation " + i + " allocated " + alloc[i] + " B");
    }
  }

  /**
   * What the test above would catch: a call through a method handle in a lambda's capture
   * allocates about 13 kB at its 128th call (the threshold is real here, not assumed), besides its
   * first call (linking, absorbed by any warm-up).
   */
  @Test
  void aCallThroughAHandleIsCustomizedAtItsHundredAndTwentyEighthCall() throws Throwable {
    Workload w = MethodCall.throughHandle(method("empty"), new Subject(), new Object[0]);
    double[] alloc = allocations(w, 300);
    int[] large = java.util.stream.IntStream.range(1, alloc.length)
        .filter(i -> alloc[i] > 4096).toArray();
    assertEquals(1, large.length, Arrays.toString(alloc));
    assertEquals(127, large[0], "customized at call " + (large[0] + 1));
  }

  @Test
  void theExtensionsCallIsTheDirectOne() throws Exception {
    Workload w = Workload.of(method("empty"), new Subject(), new Object[0]);
    assertTrue(w.getClass().isHidden(), w.getClass().getName());
    assertSame(Subject.class.getPackage(), w.getClass().getPackage());
  }

  @Test
  void callsPrivateInheritedAndStaticMethodsWithTheirArguments() throws Throwable {
    Subject s = new Subject();
    Workload.of(method("privateOne"), s, new Object[0]).invoke();
    Workload.of(Base.class.getDeclaredMethod("inherited"), s, new Object[0]).invoke();
    assertEquals(2, s.calls);
    Workload.of(method("withArguments", int.class, String.class, long.class), s,
        new Object[] {3, "four", 5L}).invoke();
    assertEquals(12, s.sum);
    int before = Subject.staticCalls;
    Workload.of(method("staticOne"), null, new Object[0]).invoke();
    assertEquals(before + 1, Subject.staticCalls);
  }

  @Test
  void theMethodsExceptionIsThrownAsItIs() throws Exception {
    for (Workload w : List.of(
        Workload.of(method("throwsChecked"), new Subject(), new Object[0]),
        MethodCall.throughHandle(method("throwsChecked"), new Subject(), new Object[0]))) {
      IOException e = assertThrows(IOException.class, w::invoke);
      assertEquals("the workload's own", e.getMessage());
    }
  }

  /** The arguments are bound when the workload is made: a later change of the array is not seen. */
  @Test
  void argumentsAreBoundOnce() throws Throwable {
    Subject s = new Subject();
    Object[] args = {1, "x", 1L};
    Workload w = Workload.of(method("withArguments", int.class, String.class, long.class), s, args);
    args[1] = "longer";
    w.invoke();
    assertEquals(3, s.sum);
  }
}
