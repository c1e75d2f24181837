package dev.countersign.history;

import static dev.countersign.history.HistoryFixtures.build;
import static dev.countersign.history.HistoryFixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtavaCsvTest {

  @TempDir Path dir;

  @Test
  void oneCsvPerTrendAndAnOtavaConfigNamingThem() throws Exception {
    BuildInfo odd = new BuildInfo(HistoryFixtures.MODULE, "b,2", "c2", "feature/\"x\"",
        Instant.parse("2026-12-01T10:00:00Z"));
    Trend t = new Trend(key("instructions"), List.of(
        new TrendPoint(build(1), 92_195, 5, Verdict.NO_BASELINE),
        new TrendPoint(odd, 94_243.5, 5, Verdict.REGRESSION)), List.of());
    List<Path> files = OtavaCsv.write(dir, List.of(t));
    assertEquals(2, files.size());
    List<String> csv = Files.readAllLines(files.get(0));
    assertEquals(List.of("time,commit,branch,build,median",
        "2026-12-01 00:01:00 +0000," + "01".repeat(20) + ",main,build-1,92195.0",
        "2026-12-01 10:00:00 +0000,c2,\"feature/\"\"x\"\"\",\"b,2\",94243.5"), csv);
    String name = files.get(0).getFileName().toString().replace(".csv", "");
    assertTrue(name.matches("QueuePerfTest\\.offerPoll\\.instructions\\.sim\\.count\\.[0-9a-f]{8}"),
        name);
    String yaml = Files.readString(files.get(1));
    assertTrue(yaml.contains("  " + name + ":\n    type: csv\n    file: '"
        + files.get(0).toAbsolutePath() + "'\n    time_column: time\n"), yaml);
    assertTrue(yaml.contains("metrics: [median]"), yaml);
  }
}
