package dev.countersign.compare;

import java.nio.file.Path;

/**
 * Where one side's tests are built: the reactor root and the module's path in it.
 *
 * @param reactorRoot the directory of the outermost pom that builds the module ({@link Reactor})
 * @param module the module's path relative to {@code reactorRoot}, with {@code /}; empty when the
 *     module is the root itself
 */
public record Checkout(Path reactorRoot, String module) {

  /** The module's directory. */
  public Path moduleDir() {
    return module.isEmpty() ? reactorRoot : reactorRoot.resolve(module);
  }

  /** Whether the module is built as part of a larger reactor (with {@code -pl module -am}). */
  public boolean inReactor() {
    return !module.isEmpty();
  }
}
