package dev.countersign.runner;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a test asks of probe providers beyond the events.
 *
 * @param mode the effective mode
 * @param existingThreads names (regular expressions) of already-running threads to count too
 */
public record ProbeRequest(Mode mode, List<Pattern> existingThreads) {
  public ProbeRequest {
    existingThreads = List.copyOf(existingThreads);
  }
}
