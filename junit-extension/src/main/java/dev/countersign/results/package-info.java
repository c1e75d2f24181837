/**
 * The file formats: result files (one per test and build, {@code target/countersign/results}) and
 * baseline files (committed, {@code src/test/countersign}), their environment fingerprint and
 * configuration, read and written atomically with a {@code schemaVersion}. A file that cannot be
 * read is a {@link dev.countersign.results.CountersignFileException} naming the file and the fault.
 */
package dev.countersign.results;
