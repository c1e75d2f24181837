package dev.countersign.sim.agent;

/** Access to {@link InstrumentedLoader} for tests in other packages. */
public final class TestLoaders {
  private TestLoaders() {}

  /** {@code className} (in package {@code simfixture}) loaded instrumented in a fresh loader. */
  public static Class<?> instrumented(String className) throws ClassNotFoundException {
    return new InstrumentedLoader("simfixture.").loadClass(className);
  }
}
