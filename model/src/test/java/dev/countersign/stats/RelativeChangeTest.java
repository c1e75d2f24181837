package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RelativeChangeTest {

  @Test
  void isThePercentageOfTheFirstValue() {
    assertEquals(10.0, RelativeChange.percent(200, 220), 1e-9);
    assertEquals(-50.0, RelativeChange.percent(200, 100), 1e-9);
  }

  @Test
  void isDefinedAtZero() {
    assertEquals(0.0, RelativeChange.percent(0, 0));
    assertEquals(Double.POSITIVE_INFINITY, RelativeChange.percent(0, 3));
    assertEquals(Double.NEGATIVE_INFINITY, RelativeChange.percent(0, -3));
    assertEquals("+inf%", Numbers.percent(RelativeChange.percent(0, 3)));
  }
}
