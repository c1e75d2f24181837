package dev.countersign.history;

import dev.countersign.results.Source;
import dev.countersign.stats.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The history database: one schema for SQLite and PostgreSQL, created and upgraded by Flyway's
 * versioned migrations ({@code dev/countersign/history/migration/V*.sql}, history table {@code
 * cs_schema_history}). A build is appended in one transaction, keyed by module and build id, so
 * concurrent writers never leave half a build and a build is never recorded twice.
 *
 * <p>Opening (the JDBC URL, Flyway's migration) is {@link HistoryConnection}'s; this class holds
 * the statements of the one schema for both databases, so that the SQL is read in one place
 * (which is why it is a few lines over 300).
 */
public final class HistoryStore implements AutoCloseable {

  private final StoreLocation location;
  private final Connection connection;

  private HistoryStore(StoreLocation location, Connection connection) {
    this.location = location;
    this.connection = connection;
  }

  /**
   * Opens the store, creating it (and an embedded file's directory) and migrating its schema to
   * the current version.
   *
   * @throws HistoryException naming the store and what is wrong
   */
  public static HistoryStore open(StoreLocation location) throws HistoryException {
    return new HistoryStore(location, HistoryConnection.open(location));
  }

  /** Whether {@link #append} recorded the build or found it already there. */
  public enum Appended { RECORDED, ALREADY_RECORDED }

  /**
   * Appends one build and all its entries in one transaction.
   *
   * @param environments the fingerprints the entries refer to
   * @throws HistoryException when the store cannot be written (nothing of the build is kept)
   */
  public Appended append(BuildInfo build, List<EnvironmentFingerprint> environments,
      List<HistoryEntry> entries) throws HistoryException {
    try {
      connection.setAutoCommit(false);
      if (exists(build)) {
        connection.rollback();
        return Appended.ALREADY_RECORDED;
      }
      try (PreparedStatement env = connection.prepareStatement(
          "INSERT INTO cs_environment (fingerprint, description) VALUES (?, ?)"
              + " ON CONFLICT (fingerprint) DO NOTHING")) {
        for (EnvironmentFingerprint e : environments) {
          env.setString(1, e.id());
          env.setString(2, e.description());
          env.addBatch();
        }
        env.executeBatch();
      }
      try (PreparedStatement b = connection.prepareStatement("INSERT INTO cs_build"
          + " (module, build_id, commit_id, branch, built_at) VALUES (?, ?, ?, ?, ?)")) {
        b.setString(1, build.module());
        b.setString(2, build.buildId());
        b.setString(3, build.commit());
        b.setString(4, build.branch());
        b.setLong(5, build.builtAt().toEpochMilli());
        b.executeUpdate();
      }
      try (PreparedStatement r = connection.prepareStatement("INSERT INTO cs_result (module,"
          + " build_id, test, metric, source, meaning, unit, environment, samples, median, mean,"
          + " stddev, per_op, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (HistoryEntry e : entries) {
          SeriesKey k = e.key();
          r.setString(1, build.module());
          r.setString(2, build.buildId());
          r.setString(3, k.test());
          r.setString(4, k.metric());
          r.setString(5, k.source().id());
          r.setString(6, k.meaning());
          r.setString(7, k.unit());
          r.setString(8, k.environment());
          r.setInt(9, e.perOp().size());
          r.setDouble(10, e.median());
          r.setDouble(11, e.mean());
          r.setDouble(12, e.stddev());
          r.setString(13, join(e.perOp()));
          r.setString(14, e.verdict().name());
          r.addBatch();
        }
        r.executeBatch();
      }
      connection.commit();
      return Appended.RECORDED;
    } catch (SQLException e) {
      rollbackQuietly();
      try {
        if (exists(build)) { // a concurrent writer recorded the same build first
          connection.rollback();
          return Appended.ALREADY_RECORDED;
        }
      } catch (SQLException ignored) {
        rollbackQuietly();
      }
      throw new HistoryException("cannot write build " + build.buildId() + " to the history store "
          + location + ": " + e.getMessage(), e);
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // a broken connection: the next call reports it
      }
    }
  }

  private boolean exists(BuildInfo build) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT 1 FROM cs_build WHERE module = ? AND build_id = ?")) {
      q.setString(1, build.module());
      q.setString(2, build.buildId());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Every trend of the module, sorted by test, metric, source, meaning, unit, environment. */
  public List<SeriesKey> series(String module) throws HistoryException {
    List<SeriesKey> keys = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT DISTINCT test, metric, source,"
        + " meaning, unit, environment FROM cs_result WHERE module = ?"
        + " ORDER BY test, metric, source, meaning, unit, environment")) {
      q.setString(1, module);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          keys.add(new SeriesKey(module, rs.getString(1), rs.getString(2),
              Source.of(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
      return keys;
    } catch (SQLException | IllegalArgumentException e) {
      throw new HistoryException("cannot read the trends of " + module + " from " + location
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * The last {@code builds} points of a trend, oldest first, optionally of one branch only.
   */
  public List<TrendPoint> trend(SeriesKey key, int builds, Optional<String> branch)
      throws HistoryException {
    List<TrendPoint> points = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT b.build_id, b.commit_id,"
        + " b.branch, b.built_at, r.median, r.samples, r.verdict FROM cs_result r JOIN cs_build b"
        + " ON b.module = r.module AND b.build_id = r.build_id WHERE r.module = ? AND r.test = ?"
        + " AND r.metric = ? AND r.source = ? AND r.meaning = ? AND r.unit = ?"
        + " AND r.environment = ?"
        + (branch.isPresent() ? " AND b.branch = ?" : "")
        + " ORDER BY b.built_at DESC, b.build_id DESC LIMIT ?")) {
      int i = 1;
      q.setString(i++, key.module());
      q.setString(i++, key.test());
      q.setString(i++, key.metric());
      q.setString(i++, key.source().id());
      q.setString(i++, key.meaning());
      q.setString(i++, key.unit());
      q.setString(i++, key.environment());
      if (branch.isPresent()) {
        q.setString(i++, branch.get());
      }
      q.setInt(i, builds);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          BuildInfo b = new BuildInfo(key.module(), rs.getString(1), rs.getString(2),
              rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)));
          points.add(new TrendPoint(b, rs.getDouble(5), rs.getInt(6),
              Verdict.valueOf(rs.getString(7))));
        }
      }
    } catch (SQLException | IllegalArgumentException e) {
      throw new HistoryException("cannot read the trend of " + key.label() + " from " + location
          + ": " + e.getMessage(), e);
    }
    Collections.reverse(points);
    return points;
  }

  /**
   * Every trend of the module with its last {@code builds} points, oldest first, optionally of
   * one branch only: {@link #trend} for all of {@link #series} at once. Two queries — the builds,
   * then every result in the order of the covering trend index — so reading 10,000 builds of 50
   * metrics neither joins nor sorts in the database.
   */
  public Map<SeriesKey, List<TrendPoint>> trends(String module, int builds,
      Optional<String> branch) throws HistoryException {
    Map<String, BuildInfo> byId = new HashMap<>();
    Map<SeriesKey, List<TrendPoint>> trends = new LinkedHashMap<>();
    try {
      try (PreparedStatement q = connection.prepareStatement("SELECT build_id, commit_id, branch,"
          + " built_at FROM cs_build WHERE module = ?")) {
        q.setString(1, module);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            BuildInfo b = new BuildInfo(module, rs.getString(1), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)));
            if (branch.isEmpty() || branch.get().equals(b.branch())) {
              byId.put(b.buildId(), b);
            }
          }
        }
      }
      try (PreparedStatement q = connection.prepareStatement("SELECT test, metric, source,"
          + " meaning, unit, environment, build_id, median, samples, verdict FROM cs_result"
          + " WHERE module = ? ORDER BY test, metric, source, meaning, unit, environment")) {
        q.setString(1, module);
        try (ResultSet rs = q.executeQuery()) {
          SeriesKey key = null;
          while (rs.next()) {
            BuildInfo b = byId.get(rs.getString(7));
            if (b == null) {
              continue; // another branch
            }
            if (key == null || !key.test().equals(rs.getString(1))
                || !key.metric().equals(rs.getString(2)) || !key.source().id().equals(rs.getString(3))
                || !key.meaning().equals(rs.getString(4)) || !key.unit().equals(rs.getString(5))
                || !key.environment().equals(rs.getString(6))) {
              key = new SeriesKey(module, rs.getString(1), rs.getString(2),
                  Source.of(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6));
            }
            trends.computeIfAbsent(key, k -> new ArrayList<>()).add(new TrendPoint(b,
                rs.getDouble(8), rs.getInt(9), Verdict.valueOf(rs.getString(10))));
          }
        }
      }
    } catch (SQLException | IllegalArgumentException e) {
      throw new HistoryException("cannot read the trends of " + module + " from " + location
          + ": " + e.getMessage(), e);
    }
    Comparator<TrendPoint> order = Comparator.comparing((TrendPoint p) -> p.build().builtAt())
        .thenComparing(p -> p.build().buildId());
    for (Map.Entry<SeriesKey, List<TrendPoint>> e : trends.entrySet()) {
      List<TrendPoint> points = e.getValue();
      points.sort(order);
      e.setValue(List.copyOf(points.subList(Math.max(0, points.size() - builds), points.size())));
    }
    return trends;
  }

  /** The description of an environment fingerprint, if the store has it. */
  public Optional<String> environment(String fingerprint) throws HistoryException {
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT description FROM cs_environment WHERE fingerprint = ?")) {
      q.setString(1, fingerprint);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new HistoryException("cannot read environment " + fingerprint + " from " + location
          + ": " + e.getMessage(), e);
    }
  }

  private static String join(List<Double> values) {
    StringJoiner j = new StringJoiner(" ");
    for (double v : values) {
      j.add(Double.toString(v));
    }
    return j.toString();
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the caller reports the first error
    }
  }

  public StoreLocation location() {
    return location;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing was pending: append commits or rolls back before it returns
    }
  }
}
