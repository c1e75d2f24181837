package dev.countersign.history;

import dev.countersign.settings.Settings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the history store is and how to log in to it.
 *
 * @param url a JDBC URL: {@code jdbc:sqlite:<file>} (embedded, the default {@link #defaultUrl()})
 *     or {@code jdbc:postgresql://host[:port]/database}
 * @param user the database user, if the URL needs one (PostgreSQL)
 * @param password the password; never printed ({@link #toString()} masks it)
 */
public record StoreLocation(String url, Optional<String> user, Optional<String> password) {

  /** Setting naming the store: a JDBC URL, or {@value #DISABLED} to keep no history. */
  public static final String URL_KEY = Settings.HISTORY_URL;
  /** Environment variable with the database user (for a team's PostgreSQL). */
  public static final String USER_ENV = "COUNTERSIGN_HISTORY_USER";
  /** Environment variable with the database password. */
  public static final String PASSWORD_ENV = "COUNTERSIGN_HISTORY_PASSWORD";
  /** The value of {@value #URL_KEY} that turns the history off. */
  public static final String DISABLED = "none";

  public StoreLocation {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(URL_KEY + " is empty; give a JDBC URL (jdbc:sqlite:<file>"
          + " or jdbc:postgresql://host/database), or '" + DISABLED + "' to keep no history");
    }
    user = user == null ? Optional.empty() : user;
    password = password == null ? Optional.empty() : password;
  }

  /**
   * The default store: {@code ~/.countersign/history.db}, one SQLite file per user. It outlives
   * {@code mvn clean} and is shared by every checkout of a project on the machine, and a CI
   * caches it as one directory ({@code ~/.countersign}) beside its Maven repository.
   */
  public static String defaultUrl() {
    return "jdbc:sqlite:" + Path.of(System.getProperty("user.home"), ".countersign", "history.db");
  }

  /**
   * The location from the setting {@code url} (blank = the default) and the credentials in the
   * environment ({@value #USER_ENV}, {@value #PASSWORD_ENV}); empty when the history is off.
   */
  public static Optional<StoreLocation> of(String url, Map<String, String> env) {
    String u = url == null || url.isBlank() ? defaultUrl() : url.strip();
    if (u.toLowerCase(Locale.ROOT).equals(DISABLED)) {
      return Optional.empty();
    }
    StoreLocation plain = new StoreLocation(u, Optional.empty(), Optional.empty());
    return Optional.of(plain.withCredentials(Optional.ofNullable(env.get(USER_ENV)),
        Optional.ofNullable(env.get(PASSWORD_ENV))));
  }

  /**
   * The same store with these credentials where given (e.g. from a Maven settings server); an
   * embedded file has no login, so it stays as it is.
   */
  public StoreLocation withCredentials(Optional<String> newUser, Optional<String> newPassword) {
    if (embedded()) {
      return this;
    }
    return new StoreLocation(url, newUser.or(() -> user), newPassword.or(() -> password));
  }

  boolean embedded() {
    return url.startsWith("jdbc:sqlite:");
  }

  @Override
  public String toString() {
    return url + user.map(u -> " (user " + u + (password.isPresent() ? ", password set)" : ")"))
        .orElse("");
  }
}
