/**
 * Keeps a {@code @PerfTest} apart from the tests of the build's other test JVMs ({@code
 * forkCount > 1}): {@link dev.countersign.junit.isolation.ForkIsolationListener}. Not API: loaded
 * by the JUnit Platform launcher, not called.
 */
package dev.countersign.junit.isolation;
