package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.countersign.junit.PerfTest;
import java.nio.charset.StandardCharsets;

/**
 * jackson-core's byte parser: its field-name table is seeded from the clock and its buffers are
 * recycled through a ThreadLocal, which JaCoCo's presence changes. Counted the same either way.
 */
class JacksonBytesPerfTest {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final byte[] DOCUMENT;

  static {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"n")
          .append(i).append("\",\"v\":").append(i * 1.5).append(",\"ok\":true}");
    }
    DOCUMENT = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  @PerfTest(warmup = 3, iterations = 4, events = {"instructions", "branches", "branch-misses",
      "L1-dcache-load-misses", "cycles"})
  void parseTokens() throws Exception {
    int tokens = 0;
    try (JsonParser p = FACTORY.createParser(DOCUMENT)) {
      while (p.nextToken() != null) {
        tokens++;
      }
    }
    assertEquals(50 * 10 + 2, tokens);
  }
}
