package sample;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** An ordinary test that computes for 1 s; one class per copy, so that Surefire can hand them out. */
abstract class Busy {

  @Test
  void computes() {
    long start = System.nanoTime();
    long x = Timeline.spin(1_000_000_000L);
    Timeline.record("busy-" + getClass().getSimpleName(), start, System.nanoTime());
    assertNotEquals(0, x);
  }
}
