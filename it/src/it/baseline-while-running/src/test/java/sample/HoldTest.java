package sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * With -Dsample.hold=true (runs after AllocPerfTest, which has written its result): marks
 * target/hold/reached and waits until target/hold/release exists, holding the build's test run open.
 */
class HoldTest {

  @Test
  void holdsTheRunOpenWhenAsked() throws Exception {
    if (!Boolean.getBoolean("sample.hold")) {
      return;
    }
    Path dir = Path.of("target", "hold");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("reached"), "");
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (!Files.exists(dir.resolve("release")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(dir.resolve("release")), "not released within 300 s");
  }
}
