package sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Ordinary tests that allocate for 1.5 s each: in parallel mode they run side by side. */
class AllocatingTest {

  static volatile Object sink;

  private static void allocate(String name) {
    long start = System.nanoTime();
    long bytes = 0;
    while (System.nanoTime() - start < 1_500_000_000L) {
      sink = new byte[1024];
      bytes += 1024;
    }
    Timeline.record(name, start, System.nanoTime());
    assertTrue(bytes > 0);
  }

  @Test
  void first() {
    allocate("alloc-1");
  }

  @Test
  void second() {
    allocate("alloc-2");
  }

  @Test
  void third() {
    allocate("alloc-3");
  }

  @Test
  void fourth() {
    allocate("alloc-4");
  }
}
