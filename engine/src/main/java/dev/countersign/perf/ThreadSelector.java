package dev.countersign.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the kernel thread ids of existing Java threads by name.
 *
 * <p>Java thread names are not visible to the kernel as such: HotSpot copies a thread's name into
 * the kernel's {@code comm} when the thread starts, truncated to 15 bytes (the kernel's
 * TASK_COMM_LEN), and a later {@link Thread#setName} on another thread does not update it. So a
 * pattern is matched against the full Java names of live threads, and a task is selected when its
 * {@code /proc/self/task/<tid>/comm} equals the 15-byte prefix of such a name. Two live threads
 * whose names share those 15 bytes cannot be told apart; both are counted.
 */
final class ThreadSelector {

  static final int COMM_BYTES = 15;

  private final Path tasks;

  ThreadSelector() {
    this(Path.of("/proc/self/task"));
  }

  ThreadSelector(Path tasks) {
    this.tasks = tasks;
  }

  /** A selected thread: its TID and the comm it was matched by. */
  record Task(int tid, String comm) {}

  /**
   * The tasks of live Java threads whose name matches one of {@code patterns} (whole-name match),
   * except {@code excludeTid}.
   */
  List<Task> select(List<Pattern> patterns, int excludeTid) {
    if (patterns.isEmpty()) {
      return List.of();
    }
    Set<String> comms = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      for (Pattern p : patterns) {
        if (p.matcher(t.getName()).matches()) {
          comms.add(comm(t.getName()));
        }
      }
    }
    List<Task> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(tasks)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        int tid;
        try {
          tid = Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (tid == excludeTid) {
          continue;
        }
        try {
          String comm = Files.readString(dir.resolve("comm")).stripTrailing();
          if (comms.contains(comm)) {
            found.add(new Task(tid, comm));
          }
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    found.sort((a, b) -> Integer.compare(a.tid(), b.tid()));
    return found;
  }

  /** The kernel's view of a thread name: its first 15 bytes of UTF-8, not splitting a char. */
  static String comm(String javaName) {
    StringBuilder b = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < javaName.length(); ) {
      int cp = javaName.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)
          .length;
      if (bytes + len > COMM_BYTES) {
        break;
      }
      b.appendCodePoint(cp);
      bytes += len;
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  /** The TID of the calling thread, from the {@code /proc/thread-self} link. */
  static int currentTid() {
    try {
      Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      return Integer.parseInt(link.getFileName().toString());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
