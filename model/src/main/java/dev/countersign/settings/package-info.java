/**
 * Every {@code countersign.*} setting: {@link dev.countersign.settings.Settings} names each key,
 * its default and unit, and reads it from a key-to-value lookup (JUnit's configuration parameters
 * in a test JVM, {@code -D} or POM properties in a goal).
 */
package dev.countersign.settings;
