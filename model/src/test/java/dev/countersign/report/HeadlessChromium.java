package dev.countersign.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the system's Chromium headless on a local file: the page's DOM after its scripts ran, or a screenshot. */
public final class HeadlessChromium {

  private static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  private final Path binary;
  private final Path scratch;

  private HeadlessChromium(Path binary, Path scratch) {
    this.binary = binary;
    this.scratch = scratch;
  }

  /** The browser, or the test is skipped (only) because none is installed. */
  public static HeadlessChromium require(Path scratch) {
    Optional<Path> found = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    assumeTrue(found.isPresent(), "Chromium is not installed (looked for " + CANDIDATES
        + "); install it with 'apt-get install -y chromium' to run the report's browser tests"
        + " (.ci/run does)");
    return new HeadlessChromium(found.get(), scratch);
  }

  /** What one run of the browser gave. */
  public record Run(String stdout, String stderr) {
    /** Console output of the page (any console message or uncaught error), one per line. */
    public List<String> consoleLines() {
      return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }
  }

  public Run dumpDom(Path page, String fragment) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url(page, fragment)));
  }

  public Run screenshot(Path page, String fragment, Path png, int width, int height)
      throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    return run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(), url(page, fragment)));
  }

  private static String url(Path page, String fragment) {
    return page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
  }

  private Run run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + profile));
    cmd.addAll(args);
    Path out = scratch.resolve("chromium-" + System.nanoTime() + ".out");
    Path err = scratch.resolve("chromium-" + System.nanoTime() + ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish within 120 s: " + cmd);
    }
    Run run = new Run(Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    if (p.exitValue() != 0) {
      throw new IllegalStateException("Chromium exited with " + p.exitValue() + ": " + run.stderr());
    }
    return run;
  }
}
