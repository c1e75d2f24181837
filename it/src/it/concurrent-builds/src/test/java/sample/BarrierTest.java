package sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * With -Dsample.barrier=NAME (runs after AllocPerfTest): marks target/barrier/NAME and waits until
 * the other build has marked too, so that both builds have measured before either checks.
 */
class BarrierTest {

  @Test
  void waitsForTheOtherBuild() throws Exception {
    String name = System.getProperty("sample.barrier", "");
    if (name.isEmpty()) {
      return;
    }
    Path dir = Path.of("target", "barrier");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name), name);
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Stream<Path> marks = Files.list(dir)) {
        if (marks.count() >= 2) {
          return;
        }
      }
      Thread.sleep(50);
    }
    assertTrue(false, "the other build did not reach the barrier within 180 s");
  }
}
