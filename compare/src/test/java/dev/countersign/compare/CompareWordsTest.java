package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckTable;
import dev.countersign.report.SummaryMarkdown;
import dev.countersign.results.Fixtures;
import dev.countersign.results.JvmAgent;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Correction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The log table, summary.md and the notes of a comparison speak of A and B, and advise what
 * compare's user can do: never check's baseline/current columns, never "run countersign:baseline"
 * (compare keeps no baseline).
 */
class CompareWordsTest {

  private static final TestId NEW = new TestId("com.example.NewPerfTest", "fresh", "fresh()");
  private static final BaseRevision BASE = new BaseRevision("origin/main", "0123456789abcdef",
      "merge base with origin/main");

  private static TestResult result(TestId test, List<JvmAgent> agents, double perOp) {
    return new TestResult(TestResult.SCHEMA_VERSION, test,
        new RunConfiguration("auto", 5, 10, 1, 1, agents, null), Fixtures.environment(),
        List.of(new MetricSeries("alloc-bytes", Source.JVM, "bytes",
            Collections.nCopies(10, perOp))), List.of(), List.of(), List.of(), List.of());
  }

  private static List<Map<String, TestResult>> rounds(TestResult... results) {
    List<Map<String, TestResult>> rounds = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      Map<String, TestResult> round = new LinkedHashMap<>();
      for (TestResult r : results) {
        round.put(Compare.idOf(r.test()), r);
      }
      rounds.add(round);
    }
    return rounds;
  }

  private static CheckReport judge(List<Map<String, TestResult>> a,
      List<Map<String, TestResult>> b) {
    return new CompareJudge(new CompareSettings("origin/main", 3, 5, Correction.HOLM, true))
        .judge(a, b, BASE, "working tree", "HEAD 89abcdef01");
  }

  @Test
  void theLogTableNamesTheColumnsAAndBAndSaysWhatEachIs() {
    CheckReport report = judge(rounds(result(Fixtures.TEST, List.of(), 1040)),
        rounds(result(Fixtures.TEST, List.of(), 1040)));
    List<String> lines = CheckTable.lines(report);
    assertEquals("A = origin/main (0123456789, merge base with origin/main) · B = working tree"
        + " (HEAD 89abcdef01)", lines.get(0));
    assertTrue(lines.get(1).matches("TEST\\s+METRIC\\s+SOURCE\\s+A/op\\s+B/op\\s+CHANGE B/A\\s+"
        + "VERDICT"), lines.get(1));
    String all = String.join("\n", lines);
    assertFalse(all.contains("BASELINE") || all.contains("CURRENT"), all);
  }

  @Test
  void aTestOnlyAtBIsNewThereNotAMissingBaseline() {
    CheckReport report = judge(rounds(result(Fixtures.TEST, List.of(), 1040)),
        rounds(result(Fixtures.TEST, List.of(), 1040), result(NEW, List.of(), 64)));
    String md = SummaryMarkdown.render(report, "report.html");
    assertTrue(md.contains("1 of 2 checks are new in B (not at A): nothing to compare them with"
        + " until A has them"), md);
    assertFalse(md.contains("countersign:baseline"), md);
    assertFalse(md.contains("no baseline yet"), md);
    // these fixtures record no meaning (kernel, feed, code): the note names A's results
    assertTrue(md.contains("A's results of 1 test(s) were written by a Countersign that did not"
        + " record what a number means"), md);
  }

  @Test
  void sidesMeasuredWithOtherAgentsAreExplainedAsAAndB() {
    List<JvmAgent> jacoco = List.of(new JvmAgent(JvmAgent.Kind.JAVAAGENT,
        "org.jacoco.agent-runtime"));
    CheckReport report = judge(rounds(result(Fixtures.TEST, List.of(), 1040)),
        rounds(result(Fixtures.TEST, jacoco, 1040)));
    CheckRow row = report.rows().stream().filter(r -> r.metric().equals("alloc-bytes"))
        .findFirst().orElseThrow();
    assertEquals("INCOMPARABLE", row.verdict().label());
    assertTrue(row.note().contains("A ran with no other JVM agent, B with agents"), row.note());
    assertTrue(row.note().contains("the difference is in the two revisions' builds"), row.note());
    assertFalse(row.note().contains("countersign:baseline"), row.note());
    assertFalse(row.note().contains("this run"), row.note());
    String md = SummaryMarkdown.render(report, "report.html");
    assertFalse(md.contains("countersign:baseline"), md);
  }
}
