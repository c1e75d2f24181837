package dev.countersign.history;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The team store, against a real PostgreSQL server. {@code COUNTERSIGN_TEST_POSTGRES} is a JDBC
 * URL of a database whose user may create databases (with {@code COUNTERSIGN_HISTORY_USER} and
 * {@code COUNTERSIGN_HISTORY_PASSWORD}); each test gets a database of its own. {@code .ci/run}
 * starts the server and sets them; under CI their absence is a failure, not a skip.
 */
class PostgresStoreTest extends StoreContract {

  private static final String ADMIN_URL = System.getenv("COUNTERSIGN_TEST_POSTGRES");
  private static final String USER = System.getenv(StoreLocation.USER_ENV);
  private static final String PASSWORD = System.getenv(StoreLocation.PASSWORD_ENV);
  private static final String PREFIX = "cs_history_test_" + ProcessHandle.current().pid() + "_";
  private static int databases;

  @BeforeAll
  static void server() {
    if ("true".equals(System.getenv("CI"))) {
      assertNotNull(ADMIN_URL, "CI must provide PostgreSQL: COUNTERSIGN_TEST_POSTGRES is unset");
    }
    assumeTrue(ADMIN_URL != null, "COUNTERSIGN_TEST_POSTGRES is unset: no PostgreSQL server");
  }

  @Override
  StoreLocation freshLocation() throws Exception {
    String name = PREFIX + databases++;
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    String base = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1);
    return new StoreLocation(base + name, Optional.ofNullable(USER), Optional.ofNullable(PASSWORD));
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    if (ADMIN_URL == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      for (int i = 0; i < databases; i++) {
        s.execute("DROP DATABASE IF EXISTS " + PREFIX + i + " WITH (FORCE)");
      }
    }
  }
}
