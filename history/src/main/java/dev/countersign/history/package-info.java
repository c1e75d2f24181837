/**
 * The history of a module's performance results across builds: the store every {@code check}
 * appends to (SQLite embedded by default, PostgreSQL for a team; one schema, Flyway migrations),
 * the trends read back from it (one per module, test, metric, source, unit and environment — never
 * mixed), their change points ({@link dev.countersign.changepoint}) attributed to commit ranges,
 * the export to Apache Otava's CSV format, and the history page ({@link
 * dev.countersign.history.HistoryHtml}). Module countersign-history: depends on countersign-model;
 * nothing there depends on it.
 */
package dev.countersign.history;
