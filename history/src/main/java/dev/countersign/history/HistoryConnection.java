package dev.countersign.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Opens a {@link HistoryStore}'s database: the JDBC URL of its location (SQLite's directory and
 * locking options, PostgreSQL as given), and Flyway's versioned migrations ({@code
 * dev/countersign/history/migration/V*.sql}, history table {@code cs_schema_history}), retried when
 * another build creates the schema at the same moment.
 */
final class HistoryConnection {

  private static final String MIGRATIONS = "classpath:dev/countersign/history/migration";
  private static final int MIGRATION_ATTEMPTS = 3;

  /**
   * Flyway reports every step at INFO through java.util.logging; a build log needs only its
   * warnings. Held here because the JUL logger is only weakly referenced.
   */
  private static final java.util.logging.Logger FLYWAY_LOG = quiet("org.flywaydb");

  /**
   * A connection to the store, created (and an embedded file's directory) and migrated to the
   * current schema.
   *
   * @throws HistoryException naming the store and what is wrong
   */
  static Connection open(StoreLocation location) throws HistoryException {
    try {
      return openMigrated(location);
    } catch (FlywayException e) {
      throw new HistoryException("cannot open the history store " + location + ": "
          + firstLine(e.getMessage()), e);
    }
  }

  private static Connection openMigrated(StoreLocation location) throws HistoryException {
    String url = jdbcUrl(location);
    Flyway flyway = Flyway.configure(HistoryConnection.class.getClassLoader())
        .dataSource(url, location.user().orElse(null), location.password().orElse(null))
        .locations(MIGRATIONS)
        .table("cs_schema_history")
        .failOnMissingLocations(true)
        .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
        .load();
    FLYWAY_LOG.fine("opening " + location);
    migrate(flyway, location);
    try {
      return flyway.getConfiguration().getDataSource().getConnection();
    } catch (SQLException e) {
      throw new HistoryException("cannot connect to the history store " + location + ": "
          + e.getMessage(), e);
    }
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  /** For SQLite: the directory exists, writers wait for each other, readers never block. */
  private static String jdbcUrl(StoreLocation location) throws HistoryException {
    String url = location.url();
    if (location.embedded()) {
      String file = url.substring("jdbc:sqlite:".length());
      int query = file.indexOf('?');
      Path path = Path.of(query < 0 ? file : file.substring(0, query));
      try {
        if (path.toAbsolutePath().getParent() != null) {
          Files.createDirectories(path.toAbsolutePath().getParent());
        }
      } catch (IOException e) {
        throw new HistoryException("cannot create the directory of the history file " + path
            + ": " + e, e);
      }
      // IMMEDIATE: a transaction takes the write lock when it begins, so two writers queue
      // (busy_timeout) instead of one failing at its first write
      return url + (query < 0 ? "?" : "&")
          + "busy_timeout=60000&journal_mode=WAL&transaction_mode=IMMEDIATE&foreign_keys=true";
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new HistoryException("the history store URL " + url + " is not supported: give"
          + " jdbc:sqlite:<file> (embedded) or jdbc:postgresql://host[:port]/database in "
          + StoreLocation.URL_KEY + ", or '" + StoreLocation.DISABLED + "' to keep no history");
    }
    return url;
  }

  /**
   * Migrates, retrying when another process created the schema at the same moment (Flyway locks
   * PostgreSQL with an advisory lock; on SQLite the loser of the race sees the tables on retry).
   */
  private static void migrate(Flyway flyway, StoreLocation location) throws HistoryException {
    for (int attempt = 1; ; attempt++) {
      try {
        flyway.migrate();
        return;
      } catch (FlywayException e) {
        if (attempt == MIGRATION_ATTEMPTS) {
          throw new HistoryException("cannot open or migrate the history store " + location
              + ": " + firstLine(e.getMessage()), e);
        }
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new HistoryException("interrupted while migrating " + location, interrupted);
        }
      }
    }
  }

  /** Flyway appends a table of SQL state and error code to its first line, which says it all. */
  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  private HistoryConnection() {}
}
