package dev.countersign.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real git repository in a temporary directory, for the compare tests. */
final class GitRepoFixture {

  final Path dir;

  GitRepoFixture(Path dir) throws IOException {
    this.dir = dir;
    git("init", "-q", "-b", "main");
    git("config", "user.email", "test@example.invalid");
    git("config", "user.name", "Test");
  }

  /** Writes a file and commits everything; returns the commit id. */
  String commit(String file, String content, String message) throws IOException {
    Path f = dir.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  String git(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + ": " + out);
      }
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
    return out;
  }
}
