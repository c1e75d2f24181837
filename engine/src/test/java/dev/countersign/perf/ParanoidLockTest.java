package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The machine-wide {@code perf_event_paranoid}, changed by another JVM for real, under {@link
 * ParanoidLock}: a holder of the shared lock never sees the changed value, and a value a killed JVM
 * left changed is restored by whoever takes the lock next.
 */
class ParanoidLockTest {

  private String original;
  private int other;

  @BeforeEach
  void needsRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name"))
        && Files.isWritable(UnprivilegedJvm.PARANOID), "needs root to set perf_event_paranoid");
    try (ParanoidLock.Held held = ParanoidLock.shared()) {
      original = value();
    }
    other = original.equals("3") ? 2 : 3;
  }

  private static String value() throws Exception {
    return Files.readString(UnprivilegedJvm.PARANOID).strip();
  }

  /** A child JVM that sets the value under the lock, prints SET, and holds it for {@code ms}. */
  private Process changer(long ms) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), ParanoidLock.class.getName(),
        Integer.toString(other), Long.toString(ms)).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("SET")) {
      System.out.println("[changer] " + line);
    }
    assertEquals("SET", line, "the changer JVM did not set the value");
    return p;
  }

  @Test
  void aSharedHolderNeverSeesTheValueAnotherJvmChanged() throws Exception {
    Process p = changer(1_500);
    assertEquals(Integer.toString(other), value(), "the other JVM changed it, machine-wide");
    try (ParanoidLock.Held held = ParanoidLock.shared()) {
      // granted only once the changer has restored it
      assertEquals(original, value());
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
  }

  @Test
  void aValueAKilledJvmLeftChangedIsRestoredByTheNextHolder() throws Exception {
    Process p = changer(120_000);
    p.destroyForcibly().waitFor();
    assertEquals(Integer.toString(other), value(), "SIGKILL skipped the restore");
    assertTrue(Files.exists(ParanoidLock.SAVED));
    try (ParanoidLock.Held held = ParanoidLock.shared()) {
      assertEquals(original, value(), "restored from " + ParanoidLock.SAVED);
    }
    assertFalse(Files.exists(ParanoidLock.SAVED));
  }

  @Test
  void atALevelAlreadySetNothingIsChanged() throws Exception {
    try (ParanoidLock.Held held = ParanoidLock.at(Integer.parseInt(original))) {
      assertEquals(original, value());
      assertFalse(Files.exists(ParanoidLock.SAVED), "nothing to restore: nothing was changed");
    }
  }
}
