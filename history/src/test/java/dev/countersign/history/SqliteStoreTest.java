package dev.countersign.history;

import static dev.countersign.history.HistoryFixtures.ENV;
import static dev.countersign.history.HistoryFixtures.build;
import static dev.countersign.history.HistoryFixtures.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store, through the real SQLite driver. */
class SqliteStoreTest extends StoreContract {

  @TempDir Path dir;
  private int stores;

  @Override
  StoreLocation freshLocation() {
    return new StoreLocation("jdbc:sqlite:" + dir.resolve("db" + stores++).resolve("history.db"),
        Optional.empty(), Optional.empty());
  }

  @Test
  void theSchemaIsVersionedByFlyway() throws Exception {
    StoreLocation loc = freshLocation();
    HistoryStore.open(loc).close();
    try (Connection c = DriverManager.getConnection(loc.url());
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT version, success FROM cs_schema_history WHERE version IS NOT NULL"
                + " ORDER BY installed_rank")) {
      for (String version : List.of("1", "2")) {
        assertTrue(rs.next());
        assertEquals(version, rs.getString(1));
        assertTrue(rs.getBoolean(2));
      }
      assertTrue(!rs.next());
    }
  }

  @Test
  void aStoreOfSchema1IsMigratedToTheLatestKeepingItsBuilds() throws Exception {
    StoreLocation loc = freshLocation();
    Path file = Path.of(loc.url().substring("jdbc:sqlite:".length()));
    Files.createDirectories(file.getParent());
    org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(loc.url(), null, null)
        .locations("classpath:dev/countersign/history/migration").table("cs_schema_history")
        .target("1").load().migrate();
    try (Connection c = DriverManager.getConnection(loc.url())) {
      c.createStatement().execute("INSERT INTO cs_environment VALUES ('" + ENV.id() + "', 'd')");
      c.createStatement().execute("INSERT INTO cs_build VALUES ('" + HistoryFixtures.MODULE
          + "', 'old', 'c0', 'main', 0)");
      c.createStatement().execute("INSERT INTO cs_result VALUES ('" + HistoryFixtures.MODULE
          + "', 'old', '" + HistoryFixtures.key("m").test() + "', 'm', 'sim', '', 'count', '"
          + ENV.id() + "', 1, 7.0, 7.0, 0, '7.0', 'UNCHANGED')");
    }
    try (HistoryStore store = HistoryStore.open(loc)) {
      List<TrendPoint> t = store.trend(HistoryFixtures.key("m"), 10, Optional.empty());
      assertEquals(1, t.size());
      assertEquals(7.0, t.get(0).median());
    }
    try (Connection c = DriverManager.getConnection(loc.url());
        ResultSet rs = c.createStatement().executeQuery("SELECT version FROM cs_schema_history"
            + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
      List<String> versions = new java.util.ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
      assertEquals(List.of("1", "2"), versions);
    }
  }

  @Test
  void anUnwritableLocationIsAnErrorNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    StoreLocation loc = new StoreLocation("jdbc:sqlite:" + file.resolve("history.db"),
        Optional.empty(), Optional.empty());
    HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(loc));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void anUnsupportedUrlSaysWhatIsSupported() {
    StoreLocation loc = new StoreLocation("jdbc:mysql://db/x", Optional.empty(), Optional.empty());
    HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(loc));
    assertTrue(e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
  }

  @Test
  void aFileThatIsNotADatabaseIsAnErrorAndIsLeftAsItWas() throws Exception {
    Path file = Files.writeString(dir.resolve("history.db"), "this is not SQLite\n".repeat(200));
    StoreLocation loc = new StoreLocation("jdbc:sqlite:" + file, Optional.empty(), Optional.empty());
    HistoryException e = assertThrows(HistoryException.class, () -> {
      try (HistoryStore s = HistoryStore.open(loc)) {
        s.append(build(1), List.of(ENV), entries(1, 1));
      }
    });
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertEquals("this is not SQLite\n".repeat(200), Files.readString(file));
  }

  @Test
  void theDefaultIsOneFileInTheUsersHomeAndNoneTurnsItOff() {
    StoreLocation def = StoreLocation.of(null, Map.of()).orElseThrow();
    assertEquals("jdbc:sqlite:" + Path.of(System.getProperty("user.home"), ".countersign",
        "history.db"), def.url());
    assertEquals(Optional.empty(), StoreLocation.of("none", Map.of()));
    StoreLocation pg = StoreLocation.of("jdbc:postgresql://db/perf",
        Map.of(StoreLocation.USER_ENV, "ci", StoreLocation.PASSWORD_ENV, "s3cret")).orElseThrow();
    assertEquals(Optional.of("ci"), pg.user());
    assertTrue(!pg.toString().contains("s3cret"), pg.toString());
    StoreLocation file = StoreLocation.of("jdbc:sqlite:/tmp/h.db",
        Map.of(StoreLocation.USER_ENV, "ci", StoreLocation.PASSWORD_ENV, "s3cret")).orElseThrow();
    assertEquals("jdbc:sqlite:/tmp/h.db", file.toString());
  }
}
