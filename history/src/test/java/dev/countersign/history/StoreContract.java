package dev.countersign.history;

import static dev.countersign.history.HistoryFixtures.ENV;
import static dev.countersign.history.HistoryFixtures.MODULE;
import static dev.countersign.history.HistoryFixtures.build;
import static dev.countersign.history.HistoryFixtures.entries;
import static dev.countersign.history.HistoryFixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.changepoint.ChangePointSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every history store does, on SQLite and on PostgreSQL alike. */
abstract class StoreContract {

  /** A fresh, empty store location of the kind under test. */
  abstract StoreLocation freshLocation() throws Exception;

  @Test
  void anAppendedBuildReadsBackAsATrendPoint() throws Exception {
    StoreLocation loc = freshLocation();
    try (HistoryStore store = HistoryStore.open(loc)) {
      assertEquals(HistoryStore.Appended.RECORDED,
          store.append(build(1), List.of(ENV), entries(100, 2)));
      assertEquals(List.of(key("metric-0"), key("metric-1")), store.series(MODULE));
      List<TrendPoint> t = store.trend(key("metric-0"), 10, Optional.empty());
      assertEquals(1, t.size());
      assertEquals(build(1), t.get(0).build());
      assertEquals(100, t.get(0).median(), 1e-9);
      assertEquals(3, t.get(0).samples());
      assertEquals(Optional.of(ENV.description()), store.environment(ENV.id()));
    }
  }

  @Test
  void allTrendsAtOnceAreTheLastBuildsOfEachInTimeOrderOfTheBranchAsked() throws Exception {
    StoreLocation loc = freshLocation();
    try (HistoryStore store = HistoryStore.open(loc)) {
      for (int b = 5; b >= 1; b--) { // appended out of time order
        BuildInfo build = build(b);
        if (b == 2) {
          build = new BuildInfo(MODULE, "feature-2", "f2", "feature", build.builtAt());
        }
        store.append(build, List.of(ENV), entries(100 + b, 2));
      }
      java.util.Map<SeriesKey, List<TrendPoint>> all = store.trends(MODULE, 3, Optional.empty());
      assertEquals(List.of(key("metric-0"), key("metric-1")), List.copyOf(all.keySet()));
      for (SeriesKey k : all.keySet()) {
        assertEquals(store.trend(k, 3, Optional.empty()), all.get(k));
        assertEquals(List.of(build(3), build(4), build(5)),
            all.get(k).stream().map(TrendPoint::build).toList());
      }
      List<TrendPoint> main = store.trends(MODULE, 10, Optional.of("main")).get(key("metric-0"));
      assertEquals(List.of(build(1), build(3), build(4), build(5)),
          main.stream().map(TrendPoint::build).toList());
      assertEquals(main, store.trend(key("metric-0"), 10, Optional.of("main")));
    }
  }

  @Test
  void theSameBuildIsRecordedOnce() throws Exception {
    StoreLocation loc = freshLocation();
    try (HistoryStore store = HistoryStore.open(loc)) {
      store.append(build(1), List.of(ENV), entries(100, 1));
      assertEquals(HistoryStore.Appended.ALREADY_RECORDED,
          store.append(build(1), List.of(ENV), entries(200, 1)));
      List<TrendPoint> t = store.trend(key("metric-0"), 10, Optional.empty());
      assertEquals(1, t.size());
      assertEquals(100, t.get(0).median(), 1e-9);
    }
  }

  @Test
  void reopeningKeepsTheHistoryAndTheSchema() throws Exception {
    StoreLocation loc = freshLocation();
    try (HistoryStore store = HistoryStore.open(loc)) {
      store.append(build(1), List.of(ENV), entries(100, 1));
    }
    try (HistoryStore store = HistoryStore.open(loc)) {
      store.append(build(2), List.of(ENV), entries(101, 1));
      assertEquals(2, store.trend(key("metric-0"), 10, Optional.empty()).size());
    }
  }

  @Test
  void concurrentWritersOfAFreshStoreLoseNothing() throws Exception {
    StoreLocation loc = freshLocation();
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<HistoryStore.Appended>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int n = w;
        done.add(pool.submit(() -> {
          try (HistoryStore store = HistoryStore.open(loc)) {
            return store.append(build(n), List.of(ENV), entries(100 + n, 20));
          }
        }));
      }
      for (Future<HistoryStore.Appended> f : done) {
        assertEquals(HistoryStore.Appended.RECORDED, f.get());
      }
    } finally {
      pool.shutdown();
    }
    try (HistoryStore store = HistoryStore.open(loc)) {
      assertEquals(20, store.series(MODULE).size());
      for (SeriesKey k : store.series(MODULE)) {
        assertEquals(writers, store.trend(k, 100, Optional.empty()).size(), k.label());
      }
    }
  }

  @Test
  void sixBuildsWithAStepAtTheFourthGiveOneChangePointAttributedToItsCommits() throws Exception {
    StoreLocation loc = freshLocation();
    try (HistoryStore store = HistoryStore.open(loc)) {
      for (int b = 1; b <= 6; b++) {
        store.append(build(b), List.of(ENV), entries(b < 4 ? 1_000 : 1_100, 1));
      }
      HistoryAnalysis analysis = new HistoryAnalysis(ChangePointSettings.DEFAULTS, 100,
          Optional.empty());
      List<Trend> trends = analysis.analyse(store, MODULE);
      assertEquals(1, trends.size());
      Trend t = trends.get(0);
      assertEquals(6, t.points().size());
      assertEquals(1, t.changes().size(), t.changes().toString());
      TrendChange c = t.changes().get(0);
      assertEquals(3, c.point().index());
      assertEquals(build(3), c.lastBefore());
      assertEquals(build(4), c.first());
      assertTrue(c.regression());
      assertTrue(c.open());
      assertEquals("030303030303..040404040404", c.commitRange());
    }
  }
}
