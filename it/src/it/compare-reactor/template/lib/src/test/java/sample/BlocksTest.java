package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** lib's own test: compare on perf must not run it (it leaves a mark in lib/target if it runs). */
class BlocksTest {

  @Test
  void allocates() throws Exception {
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "lib-test-ran"), "BlocksTest ran\n");
    assertEquals(1024, new Blocks().allocate(1));
  }
}
