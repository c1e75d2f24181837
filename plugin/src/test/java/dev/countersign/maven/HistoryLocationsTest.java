package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.history.StoreLocation;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;

/** Where the history store and its login come from in a Maven build. */
class HistoryLocationsTest {

  @SuppressWarnings("deprecation") // the plain constructor: no container needed for properties
  private static MavenSession session(Properties user, Properties pom, Server server) {
    DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
    request.setUserProperties(user);
    request.setSystemProperties(new Properties());
    Model model = new Model();
    model.setProperties(pom);
    MavenProject project = new MavenProject(model);
    MavenSession session = new MavenSession(null, request, new DefaultMavenExecutionResult(),
        project);
    Settings settings = new Settings();
    if (server != null) {
      settings.addServer(server);
    }
    request.setServers(settings.getServers());
    session.getSettings().setServers(settings.getServers());
    return session;
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private static Server server(String id, String user, String password) {
    Server s = new Server();
    s.setId(id);
    s.setUsername(user);
    s.setPassword(password);
    return s;
  }

  @Test
  void aPasswordInThePomIsRefusedAndSaysWhereCredentialsGo() {
    MavenSession s = session(new Properties(), props(StoreLocation.URL_KEY,
        "jdbc:postgresql://db/perf?user=ci&password=hunter2"), null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HistoryLocations.resolve(s, null, Map.of()));
    assertTrue(e.getMessage().contains("settings.xml <server> with id 'countersign-history'"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void theSettingsServerLogsInToPostgresqlButNotToAnEmbeddedFile() {
    Server ci = server("countersign-history", "ci", "s3cret");
    StoreLocation pg = HistoryLocations.resolve(session(props(StoreLocation.URL_KEY,
        "jdbc:postgresql://db/perf"), new Properties(), ci), null, Map.of()).orElseThrow();
    assertEquals(Optional.of("ci"), pg.user());
    assertEquals(Optional.of("s3cret"), pg.password());
    StoreLocation file = HistoryLocations.resolve(session(props(StoreLocation.URL_KEY,
        "jdbc:sqlite:/tmp/h.db"), new Properties(), ci), null, Map.of()).orElseThrow();
    assertEquals(Optional.empty(), file.user());
  }

  @Test
  void dashDBeatsThePomAndNoneTurnsTheHistoryOff() {
    MavenSession s = session(props(StoreLocation.URL_KEY, "none"),
        props(StoreLocation.URL_KEY, "jdbc:sqlite:/tmp/pom.db"), null);
    assertEquals(Optional.empty(), HistoryLocations.resolve(s, null, Map.of()));
    MavenSession pomOnly = session(new Properties(),
        props(StoreLocation.URL_KEY, "jdbc:sqlite:/tmp/pom.db"), null);
    assertEquals("jdbc:sqlite:/tmp/pom.db",
        HistoryLocations.resolve(pomOnly, null, Map.of()).orElseThrow().url());
  }

  @Test
  void anotherServerIdIsNamedBySetting() {
    Server team = server("perf-db", "team", "pw");
    StoreLocation pg = HistoryLocations.resolve(session(props(StoreLocation.URL_KEY,
            "jdbc:postgresql://db/perf", HistoryLocations.SERVER_KEY, "perf-db"), new Properties(),
        team), null, Map.of(StoreLocation.USER_ENV, "env-user")).orElseThrow();
    assertEquals(Optional.of("team"), pg.user());
  }
}
