package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReactorTest {

  @TempDir Path dir;

  private Path pom(String at, String modules) throws IOException {
    Path d = dir.resolve(at).normalize();
    Files.createDirectories(d);
    Files.writeString(d.resolve("pom.xml"), "<project><artifactId>x</artifactId>" + modules
        + "</project>");
    return d.toRealPath();
  }

  @Test
  void aModuleListedByItsParentsIsBuiltFromTheOutermostRoot() throws IOException {
    Path top = pom(".", "<modules><module>apps</module></modules>");
    pom("apps", "<modules><module>web/pom.xml</module></modules>");
    Path web = pom("apps/web", "");
    Checkout c = Reactor.of(web, top);
    assertEquals(top, c.reactorRoot());
    assertEquals("apps/web", c.module());
    assertTrue(c.inReactor());
    assertEquals(web, c.moduleDir());
  }

  @Test
  void aModuleInAProfileCounts() throws IOException {
    Path top = pom(".", "<profiles><profile><modules><module>perf</module></modules></profile>"
        + "</profiles>");
    Checkout c = Reactor.of(pom("perf", ""), top);
    assertEquals(top, c.reactorRoot());
    assertEquals("perf", c.module());
  }

  @Test
  void aStandAloneProjectIsItsOwnRoot() throws IOException {
    Path top = pom(".", "");
    Path nested = pom("tools/bench", "");
    assertFalse(Reactor.of(top, top).inReactor());
    Checkout c = Reactor.of(nested, top);
    assertEquals(nested, c.reactorRoot());
    assertEquals("", c.module());
  }

  @Test
  void theSearchStopsAtTheRepository() throws IOException {
    pom(".", "<modules><module>repo</module></modules>"); // outside the repository
    Path repo = pom("repo", "<modules><module>m</module></modules>");
    Checkout c = Reactor.of(pom("repo/m", ""), repo);
    assertEquals(repo, c.reactorRoot());
  }

  @Test
  void anUnreadableParentPomIsAClearError() throws IOException {
    Path top = dir.toRealPath();
    Files.writeString(top.resolve("pom.xml"), "<project><modules>");
    Path m = pom("m", "");
    CompareException e = assertThrows(CompareException.class, () -> Reactor.of(m, top));
    assertTrue(e.getMessage().contains("cannot read " + top.resolve("pom.xml")), e.getMessage());
  }

  @Test
  void theFirstRoundSelectsTheModulesOwnTestClassesAsSurefireWould() throws IOException {
    Path m = pom("m", "");
    Path src = m.resolve("src/test/java/a/b");
    Files.createDirectories(src);
    for (String c : List.of("FooTest", "TestBar", "BazTests", "QuxTestCase", "Helper",
        "package-info", "RunSuite", "HashPerf", "SlowTest")) {
      Files.writeString(src.resolve(c + ".java"), "");
    }
    Files.writeString(m.resolve("src/test/java/TopTest.java"), "");
    assertEquals(List.of("TopTest", "a.b.BazTests", "a.b.FooTest", "a.b.QuxTestCase",
        "a.b.SlowTest", "a.b.TestBar"), TestSelection.defaults(m).classes());
    assertEquals(List.of(), TestSelection.defaults(pom("empty", "")).classes());

    // the module's own includes and excludes, as Surefire reads them (ant patterns, regex, lists)
    Path sources = m.resolve("src/test/java");
    assertEquals(List.of("a.b.HashPerf"), new TestSelection(sources,
        List.of(" **/*Perf.java "), List.of()).classes());
    assertEquals(List.of("TopTest", "a.b.FooTest", "a.b.HashPerf"), new TestSelection(sources,
        List.of("**/*Test.java, **/*Perf.java"), List.of("**/Slow*")).classes());
    assertEquals(List.of("a.b.BazTests", "a.b.QuxTestCase", "a.b.TestBar"), new TestSelection(
        sources, List.of(), List.of("%regex[.*(Foo|Slow|Top).*]")).classes());
    // another test source directory
    assertEquals(List.of("a.b.HashPerf"), new TestSelection(sources.resolve("a"),
        List.of("**/*Perf.java"), List.of()).classes().stream().map(c -> "a." + c).toList());
  }

  @Test
  void aSurefirePatternFileIsReadAsSurefireDocumentsIt() throws IOException {
    Path m = pom("pf", "");
    Path file = m.resolve("perf-tests.txt");
    Files.writeString(file, "# the perf tests\n**/*Perf.java\n\n   **/Top*  \n#**/*Test.java\n");
    assertEquals(List.of("**/*Perf.java", "**/Top*"), TestSelection.patternFile(file));
    CompareException missing = assertThrows(CompareException.class,
        () -> TestSelection.patternFile(m.resolve("nope.txt")));
    assertTrue(missing.getMessage().contains("nope.txt")
        && missing.getMessage().contains("create the file or fix the path"), missing.getMessage());
  }
}
