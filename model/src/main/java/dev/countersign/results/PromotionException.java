package dev.countersign.results;

import java.nio.file.Path;

/** A set of baselines that could not be written; the message says exactly which were written. */
public final class PromotionException extends CountersignFileException {

  public PromotionException(Path file, String problem, Throwable cause) {
    super(file, problem, cause);
  }
}
