package dev.countersign.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a set of baseline files all or nothing: every new file is first staged beside its
 * target ({@code .<name>.<id>.staged}, flushed to disk); then one journal naming them all is
 * renamed into place ({@code .countersign-promotion-<id>.journal}), which commits the set; then
 * each staged file is renamed over its target and the journal removed. A crash before the commit
 * leaves the old set (the staged files are removed by the next {@link #recover}); a crash after
 * it leaves the journal, and the next {@link #recover} finishes the renames: the new set. A full
 * disk fails while staging, before any target is touched.
 */
public final class Promotion {

  static final String JOURNAL_PREFIX = ".countersign-promotion-";
  static final String JOURNAL_SUFFIX = ".journal";
  static final String STAGED_SUFFIX = ".staged";

  private Promotion() {}

  /**
   * Writes every file of {@code texts} (target path to its content, all in {@code dir}) or none.
   *
   * @throws CountersignFileException naming the file that failed and saying exactly what was
   *     written: nothing (staging or commit failed), or which targets were replaced when a rename
   *     after the commit failed (the next {@link #recover} completes them)
   */
  public static void writeAll(Path dir, Map<Path, String> texts) {
    if (texts.isEmpty()) {
      return;
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    Map<Path, Path> staged = new LinkedHashMap<>();
    Path journal = dir.resolve(JOURNAL_PREFIX + id + JOURNAL_SUFFIX);
    try {
      Files.createDirectories(dir);
      for (Map.Entry<Path, String> e : texts.entrySet()) {
        Path target = e.getKey();
        Path stage = dir.resolve("." + target.getFileName() + "." + id + STAGED_SUFFIX);
        staged.put(target, stage);
        JsonFiles.writeDurably(stage, e.getValue());
      }
      StringBuilder lines = new StringBuilder();
      staged.forEach((target, stage) ->
          lines.append(stage.getFileName()).append('\t').append(target.getFileName()).append('\n'));
      Path journalTmp = dir.resolve(JOURNAL_PREFIX + id + ".tmp");
      JsonFiles.writeDurably(journalTmp, lines.toString());
      JsonFiles.replace(journalTmp, journal);
      JsonFiles.syncDirectory(dir);
    } catch (IOException e) {
      discard(dir, id);
      Path failed = staged.isEmpty() ? dir : List.copyOf(staged.keySet()).get(staged.size() - 1);
      throw new PromotionException(failed, "cannot stage the new baselines (" + e
          + "). Nothing was written: all " + texts.size() + " baseline(s) in " + dir
          + " are as they were. Free space or fix the permissions, then run"
          + " 'mvn countersign:baseline' again", e);
    }
    List<Path> done = new ArrayList<>();
    for (Map.Entry<Path, Path> e : staged.entrySet()) {
      try {
        JsonFiles.replace(e.getValue(), e.getKey());
        done.add(e.getKey());
      } catch (IOException ex) {
        List<Path> pending = new ArrayList<>(staged.keySet());
        pending.removeAll(done);
        throw new PromotionException(e.getKey(), "cannot replace it (" + ex + "). Written: "
            + names(done) + "; not yet written: " + names(pending) + ". The new set is staged and"
            + " recorded in " + journal + ": the next Countersign goal completes it; to keep the"
            + " old files instead, delete " + journal + " and then run any Countersign goal", ex);
      }
    }
    try {
      Files.delete(journal);
      JsonFiles.syncDirectory(dir);
    } catch (IOException e) {
      // every target is written; the next recover() finds nothing left to move and removes it
    }
  }

  /**
   * Finishes or undoes what an interrupted {@link #writeAll} left in {@code dir}: a committed set
   * (a journal) is completed, staged files of an uncommitted one and temporary files of an
   * interrupted single write are removed.
   *
   * @return what was done, one line each (empty when there was nothing to do)
   */
  public static List<String> recover(Path dir) {
    List<String> done = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return done;
    }
    try {
      for (Path journal : list(dir, JOURNAL_PREFIX, JOURNAL_SUFFIX)) {
        int completed = 0;
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
          String[] parts = line.split("\t");
          if (parts.length != 2 || parts[0].contains("/") || parts[1].contains("/")) {
            throw new CountersignFileException(journal, "is not a promotion journal (line '"
                + Printable.of(line) + "'); delete it and the .staged files beside it");
          }
          Path stage = dir.resolve(parts[0]);
          if (Files.exists(stage)) {
            JsonFiles.replace(stage, dir.resolve(parts[1]));
            completed++;
          }
        }
        Files.delete(journal);
        done.add("completed an interrupted promotion (" + journal.getFileName() + "): "
            + completed + " baseline(s) written now");
      }
      JsonFiles.syncDirectory(dir);
      for (Path leftover : list(dir, ".", STAGED_SUFFIX, ".tmp")) {
        Files.delete(leftover);
        done.add("removed " + leftover.getFileName() + ", left by an interrupted write");
      }
    } catch (IOException e) {
      throw new CountersignFileException(dir, "cannot finish or undo an interrupted promotion: "
          + e + "; check the directory's permissions and free space", e);
    }
    return done;
  }

  private static void discard(Path dir, String id) {
    try {
      for (Path p : list(dir, ".", id + STAGED_SUFFIX, JOURNAL_PREFIX + id + ".tmp")) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // recover() removes what is left on the next run
    }
  }

  /** Entries of {@code dir} whose name starts with {@code prefix} and ends with one of {@code suffixes}. */
  private static List<Path> list(Path dir, String prefix, String... suffixes) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        for (String suffix : suffixes) {
          if (name.startsWith(prefix) && name.endsWith(suffix)) {
            found.add(p);
            break;
          }
        }
      }
    }
    found.sort(null);
    return found;
  }

  private static String names(List<Path> files) {
    return files.isEmpty() ? "none"
        : String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
  }

}
