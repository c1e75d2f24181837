/**
 * The file formats: result files (one per test and build, {@code target/countersign/results}) and
 * baseline files (committed, {@code src/test/countersign}), their environment fingerprint and
 * configuration, read and written atomically with a {@code schemaVersion}. A file that cannot be
 * read is a {@link dev.countersign.results.CountersignFileException} naming the file and the fault.
 * Also JMH's JSON results read as results ({@link dev.countersign.results.JmhResults}).
 */
package dev.countersign.results;
