package dev.countersign.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InvocationNamesTest {

  @Test
  void displayNamesBecomeFileSafeKeys() {
    assertEquals("parse[1_42_utf-8]", InvocationNames.methodName("parse", "[1] 42, \"utf-8\""));
    assertEquals("run[repetition_2_of_5]", InvocationNames.methodName("run", "repetition 2 of 5"));
  }

  @Test
  void longOrUnprintableDisplayNamesAreCutAndHashed() {
    String a = InvocationNames.methodName("m", "[1] " + "x".repeat(300) + "a");
    String b = InvocationNames.methodName("m", "[1] " + "x".repeat(300) + "b");
    assertNotEquals(a, b, "the hash keeps long names apart");
    assertTrue(a.length() <= "m[]".length() + InvocationNames.MAX_CHARS, a);
    assertTrue(a.matches("m\\[1_x+~[0-9a-f]{12}]"), a);
    assertTrue(InvocationNames.methodName("m", "☃ ☃").matches("m\\[~[0-9a-f]{12}]"));
    assertEquals(InvocationNames.methodName("m", "[1] " + "x".repeat(300)),
        InvocationNames.methodName("m", "[1] " + "x".repeat(300)), "stable");
  }
}
