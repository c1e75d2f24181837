package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.countersign.junit.PerfTest;
import java.util.List;
import java.util.Map;

/** The hot path is the library: the test's own code is one call. */
class JsonPerfTest {

  private static final Gson GSON = new Gson();
  private static final TypeToken<List<Map<String, Object>>> RECORDS = new TypeToken<>() {};

  private static String records(int n) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":").append(i)
          .append(",\"name\":\"record-").append(i).append("\",\"tags\":[\"a\",\"b\"],\"ok\":")
          .append(i % 2 == 0).append('}');
    }
    return json.append(']').toString();
  }

  private final String hundred = records(100);
  private final String twoHundred = records(200);

  @PerfTest(warmup = 3, iterations = 4, events = {"instructions", "branches", "branch-misses",
      "L1-dcache-load-misses", "cycles"})
  void parseHundredRecords() {
    assertEquals(100, GSON.fromJson(hundred, RECORDS).size());
  }

  @PerfTest(warmup = 3, iterations = 4, events = {"instructions", "branches", "branch-misses",
      "L1-dcache-load-misses", "cycles"})
  void parseTwoHundredRecords() {
    assertEquals(200, GSON.fromJson(twoHundred, RECORDS).size());
  }
}
