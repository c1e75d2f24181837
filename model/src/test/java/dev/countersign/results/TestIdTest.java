package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestIdTest {

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void shortNamesAreClassDotMethod() {
    assertEquals("com.example.QueuePerfTest.offerPoll.json",
        new TestId("com.example.QueuePerfTest", "offerPoll", "offerPoll()").fileName());
  }

  @Test
  void longNamesKeepTheirBeginningAndAHashWithinTheLimit() {
    String cls = "com.example.some.deeply.nested.pkg.QueuePerfTest";
    String a = new TestId(cls, "m".repeat(240) + "a", "").fileName();
    String b = new TestId(cls, "m".repeat(240) + "b", "").fileName();
    assertNotEquals(a, b);
    assertEquals(TestId.MAX_FILE_NAME_BYTES, bytes(a));
    assertTrue(a.startsWith(cls + ".mmm") && a.matches(".*~[0-9a-f]{16}\\.json"), a);
  }

  @Test
  void multiByteNamesAreCutAtACharacterBoundary() {
    String f = new TestId("p.T", "é".repeat(200), "").fileName();
    assertTrue(bytes(f) <= TestId.MAX_FILE_NAME_BYTES, f);
    assertTrue(f.matches("p\\.T\\.é+~[0-9a-f]{16}\\.json"), f);
  }
}
