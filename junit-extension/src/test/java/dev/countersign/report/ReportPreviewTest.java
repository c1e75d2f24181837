package dev.countersign.report;
import java.nio.file.*;
import org.junit.jupiter.api.Test;
class ReportPreviewTest {
  @Test void preview() throws Exception {
    Path dir = Path.of("target/preview");
    Reports.writeAll(ReportFixture.check(dir), dir, java.util.Map.of());
  }
}
