package dev.countersign.maven;

import dev.countersign.history.StoreLocation;
import dev.countersign.settings.Settings;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Resolves the history store of a build: {@value StoreLocation#URL_KEY} from {@code -D}, the
 * POM's properties or the JVM's; credentials from the environment or, preferred, from the
 * {@code settings.xml} server named by {@value #SERVER_KEY} (its password may be encrypted).
 * Credentials in the POM are refused: a URL there that carries a password is an error.
 */
final class HistoryLocations {

  /** Setting naming the settings.xml server with the history database's credentials. */
  static final String SERVER_KEY = Settings.HISTORY_SERVER;
  static final String DEFAULT_SERVER = Settings.DEFAULT_HISTORY_SERVER;

  private HistoryLocations() {}

  /** The value of a setting: {@code -D} first, then the POM's properties, then the JVM's. */
  static Optional<String> setting(MavenSession session, String key) {
    String v = session.getUserProperties().getProperty(key);
    if (v == null && session.getCurrentProject() != null) {
      v = session.getCurrentProject().getProperties().getProperty(key);
    }
    if (v == null) {
      v = session.getSystemProperties().getProperty(key);
    }
    return Optional.ofNullable(v).filter(s -> !s.isBlank());
  }

  /**
   * The store, or empty when it is off.
   *
   * @throws IllegalArgumentException when the POM holds a password, or the settings server's
   *     password cannot be decrypted
   */
  static Optional<StoreLocation> resolve(MavenSession session, SettingsDecrypter decrypter,
      Map<String, String> env) {
    Optional<String> url = setting(session, StoreLocation.URL_KEY);
    boolean fromPom = session.getUserProperties().getProperty(StoreLocation.URL_KEY) == null
        && session.getCurrentProject() != null
        && session.getCurrentProject().getProperties().getProperty(StoreLocation.URL_KEY) != null;
    if (fromPom && url.orElse("").toLowerCase(Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException("the POM's " + StoreLocation.URL_KEY
          + " carries a password: credentials never belong in the POM. Put them in a"
          + " settings.xml <server> with id '" + setting(session, SERVER_KEY).orElse(DEFAULT_SERVER)
          + "' (its password may be encrypted) or in " + StoreLocation.USER_ENV + " and "
          + StoreLocation.PASSWORD_ENV);
    }
    Optional<StoreLocation> location = StoreLocation.of(url.orElse(null), env);
    if (location.isEmpty() || session.getSettings() == null) {
      return location;
    }
    String id = setting(session, SERVER_KEY).orElse(DEFAULT_SERVER);
    Server server = session.getSettings().getServer(id);
    if (server == null) {
      return location;
    }
    if (decrypter != null) {
      SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
      for (SettingsProblem p : r.getProblems()) {
        if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
          throw new IllegalArgumentException("cannot decrypt the password of settings.xml server '"
              + id + "': " + p.getMessage());
        }
      }
      server = r.getServer();
    }
    return Optional.of(location.get().withCredentials(Optional.ofNullable(server.getUsername()),
        Optional.ofNullable(server.getPassword())));
  }
}
