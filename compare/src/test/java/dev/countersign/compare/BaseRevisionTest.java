package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseRevisionTest {

  @TempDir
  Path tmp;

  @Test
  void outsideARepositoryIsAClearError() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    CompareException e = assertThrows(CompareException.class, () -> Git.at(plain));
    assertTrue(e.getMessage().contains("is not inside a git repository")
        && e.getMessage().contains("countersign:check"), e.getMessage());
  }

  @Test
  void anExplicitRefAndAnUnknownOne() throws IOException {
    GitRepoFixture repo = new GitRepoFixture(tmp);
    String first = repo.commit("a.txt", "1", "first");
    repo.commit("a.txt", "2", "second");
    Git git = Git.at(tmp);
    BaseRevision base = BaseRevision.resolve(git, "HEAD~1", Map.of());
    assertEquals(first, base.commit());
    assertEquals("countersign.against", base.chosenBy());
    CompareException e = assertThrows(CompareException.class,
        () -> BaseRevision.resolve(git, "no-such-branch", Map.of()));
    assertTrue(e.getMessage().contains("unknown git ref 'no-such-branch'"), e.getMessage());
  }

  @Test
  void theCiTargetBranchGivesTheMergeBase() throws IOException {
    GitRepoFixture repo = new GitRepoFixture(tmp);
    String fork = repo.commit("a.txt", "1", "fork point");
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit("b.txt", "feature work", "feature");
    repo.git("checkout", "-q", "main");
    repo.commit("a.txt", "main moved on", "main");
    repo.git("checkout", "-q", "feature");
    BaseRevision base = BaseRevision.resolve(Git.at(tmp), null,
        Map.of("GITHUB_BASE_REF", "main"));
    assertEquals(fork, base.commit(), "the merge base, not main's tip");
    assertTrue(base.chosenBy().contains("GITHUB_BASE_REF"), base.chosenBy());
  }

  @Test
  void withoutRefOrCiTheErrorAsksForCountersignAgainst() throws IOException {
    GitRepoFixture repo = new GitRepoFixture(tmp);
    repo.commit("a.txt", "1", "first");
    CompareException e = assertThrows(CompareException.class,
        () -> BaseRevision.resolve(Git.at(tmp), " ", Map.of()));
    assertTrue(e.getMessage().contains("-Dcountersign.against=<git ref>")
        && e.getMessage().contains("GITHUB_BASE_REF"), e.getMessage());
  }

  @Test
  void dirtyTracksUncommittedChanges() throws IOException {
    GitRepoFixture repo = new GitRepoFixture(tmp);
    repo.commit("a.txt", "1", "first");
    Git git = Git.at(tmp);
    assertFalse(git.dirty());
    Files.writeString(tmp.resolve("a.txt"), "changed");
    assertTrue(git.dirty());
  }
}
