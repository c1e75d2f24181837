package dev.countersign.perf;

/**
 * How counter groups are read from Java: the hot path of every measured invocation. Opening,
 * filters and ioctls (once per test) always go through JNA.
 */
public enum ReadPath {
  /** The Foreign Function &amp; Memory API ({@code java.lang.foreign}), final since JDK 22. */
  FFM,
  /** JNA direct mapping of libc's {@code read}: JDK 17 to 21, or where FFM is refused. */
  JNA
}
