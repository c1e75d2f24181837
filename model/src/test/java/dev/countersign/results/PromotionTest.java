package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All-or-nothing promotion, tried with real faults: SIGKILL mid-promotion and a full tmpfs. */
class PromotionTest {

  @TempDir Path dir;

  static Map<Path, String> generation(Path dir, int files, int generation) {
    Map<Path, String> texts = new LinkedHashMap<>();
    String padding = "x".repeat(2000);
    for (int i = 0; i < files; i++) {
      texts.put(dir.resolve("t" + i + ".json"), "{\"generation\": " + generation + ", \"pad\": \""
          + padding + "\"}\n");
    }
    return texts;
  }

  static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The generations found in the baseline files. */
  static Set<String> generations(Path dir) throws IOException {
    Set<String> found = new TreeSet<>();
    for (String name : entries(dir)) {
      String text = Files.readString(dir.resolve(name));
      found.add(text.substring(0, text.indexOf(',')));
    }
    return found;
  }

  @Test
  void writesEveryFileAndLeavesNothingElse() throws IOException {
    Promotion.writeAll(dir, generation(dir, 3, 1));
    assertEquals(List.of("t0.json", "t1.json", "t2.json"), entries(dir));
    assertEquals(Set.of("{\"generation\": 1"), generations(dir));
    assertTrue(Promotion.recover(dir).isEmpty());
  }

  @Test
  void newFilesFollowTheUmaskNotAForcedOwnerOnlyMode() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "umask").start();
    int umask = Integer.parseInt(new String(p.getInputStream().readAllBytes()).strip(), 8);
    Promotion.writeAll(dir, generation(dir, 1, 1));
    JsonFiles.writeString(dir.resolve("single.json"), "{}\n");
    Set<PosixFilePermission> expected = new HashSet<>();
    for (PosixFilePermission perm : PosixFilePermissions.fromString("rw-rw-rw-")) {
      int bit = 1 << (8 - perm.ordinal());
      if ((umask & bit) == 0) {
        expected.add(perm);
      }
    }
    assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("t0.json")));
    assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("single.json")));
  }

  @Test
  void aStagedSetWithoutItsJournalIsUndoneAndACommittedOneCompleted() throws IOException {
    Promotion.writeAll(dir, generation(dir, 2, 1));
    // as a crash before the commit leaves it: staged files, no journal
    Files.writeString(dir.resolve(".t0.json.abcd1234.staged"), "{\"generation\": 2,}");
    Files.writeString(dir.resolve(".t1.json.0f0f0f0f.tmp"), "half");
    List<String> done = Promotion.recover(dir);
    assertEquals(2, done.size(), done.toString());
    assertEquals(List.of("t0.json", "t1.json"), entries(dir));
    assertEquals(Set.of("{\"generation\": 1"), generations(dir));

    // as a crash after the commit leaves it: the journal, one file renamed, one still staged
    Files.writeString(dir.resolve(".t1.json.beefbeef.staged"), "{\"generation\": 2, \"b\": 1}");
    Files.writeString(dir.resolve("t0.json"), "{\"generation\": 2, \"a\": 1}");
    Files.writeString(dir.resolve(".countersign-promotion-beefbeef.journal"),
        ".t0.json.beefbeef.staged\tt0.json\n.t1.json.beefbeef.staged\tt1.json\n");
    done = Promotion.recover(dir);
    assertTrue(done.get(0).contains("1 baseline(s) written now"), done.toString());
    assertEquals(List.of("t0.json", "t1.json"), entries(dir));
    assertEquals(Set.of("{\"generation\": 2"), generations(dir));
  }

  /**
   * A child JVM promotes generation after generation of 200 files; it is killed with SIGKILL at a
   * random moment, ten times. After each kill, recovery must leave one whole generation and no
   * temporary file.
   */
  @Test
  void aKillMidPromotionLeavesTheOldSetOrTheNewOne() throws Exception {
    // on a tmpfs where there is one, so that flushing to disk costs no time on CI
    Path shm = Path.of("/dev/shm");
    Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "countersign-promotion-") : this.dir;
    try {
      killTrials(dir);
    } finally {
      if (!dir.equals(this.dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  private static void killTrials(Path dir) throws Exception {
    Random random = new Random(11);
    int killedAfterCommit = 0;
    long promotionMs = 0;
    for (int trial = 0; trial < 10; trial++) {
      Path set = dir.resolve("trial-" + trial);
      Promotion.writeAll(set, generation(set, 200, 0));
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          PromotionCrashChild.class.getName(), set.toString())
          .redirectErrorStream(true).start();
      // the child says when it starts promoting and when each promotion is done: kill it at a
      // random moment of its second promotion
      assertEquals('R', child.getInputStream().read(), "the child did not start");
      long start = System.nanoTime();
      assertEquals('G', child.getInputStream().read(), "the child did not promote");
      long oneMs = Math.max(1, (System.nanoTime() - start) / 1_000_000);
      Thread.sleep(random.nextLong(oneMs));
      new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      boolean journal = entries(set).stream().anyMatch(n -> n.endsWith(Promotion.JOURNAL_SUFFIX));
      killedAfterCommit += journal ? 1 : 0;
      Promotion.recover(set);
      promotionMs = oneMs;
      List<String> names = entries(set);
      assertEquals(200, names.size(), "trial " + trial + ": " + names.subList(0, 5));
      assertTrue(names.stream().allMatch(n -> n.matches("t\\d+\\.json")), names.toString());
      assertEquals(1, generations(set).size(), "trial " + trial + ": mixed " + generations(set));
    }
    System.out.println("aKillMidPromotion: 10 kills within a promotion of 200 files (~"
        + promotionMs + " ms each): " + killedAfterCommit + " after its commit (completed by"
        + " recovery), the rest before it (undone)");
  }

  /** A 256 KiB tmpfs: the new set does not fit; nothing is lost and the message says so. */
  @Test
  void aFullDiskLosesNothingAndSaysNothingWasWritten() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      assertTrue(System.getenv("CI") == null, "CI must run this as root: it mounts a tmpfs");
      assumeTrue(false, "mounting a tmpfs needs root");
    }
    Path mount = Files.createDirectories(dir.resolve("tmpfs"));
    run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString());
    try {
      Path set = mount.resolve("baselines");
      Promotion.writeAll(set, generation(set, 40, 1)); // 40 x 4 KiB pages
      Map<Path, byte[]> before = new LinkedHashMap<>();
      for (String n : entries(set)) {
        before.put(set.resolve(n), Files.readAllBytes(set.resolve(n)));
      }
      PromotionException e = assertThrows(PromotionException.class,
          () -> Promotion.writeAll(set, generation(set, 40, 2)));
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertTrue(e.getMessage().contains("Nothing was written: all 40 baseline(s)"), e.getMessage());
      assertEquals(before.size(), entries(set).size(), "temporary files left: " + entries(set));
      for (Map.Entry<Path, byte[]> b : before.entrySet()) {
        assertTrue(java.util.Arrays.equals(b.getValue(), Files.readAllBytes(b.getKey())),
            b.getKey() + " changed");
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
  }
}
