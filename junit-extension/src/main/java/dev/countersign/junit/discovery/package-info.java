/**
 * Discovery-time support for the JUnit Platform launcher: {@link
 * dev.countersign.junit.discovery.PerfTestsOnlyFilter}, which narrows a test run to its {@code
 * @PerfTest}s when {@code compare} asks for it. Not API: loaded by the launcher, not called.
 */
package dev.countersign.junit.discovery;
