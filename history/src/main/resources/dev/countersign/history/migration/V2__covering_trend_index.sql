-- Countersign history, schema 2: the trend query (one series, its builds in time order) reads
-- only this index, never the wide rows with their samples: 50 trends of 10,000 builds went from
-- 18.6 s to 2.8 s in SQLite (docs/history.md).

CREATE INDEX cs_result_trend ON cs_result
  (module, test, metric, source, meaning, unit, environment, build_id, median, samples, verdict);

DROP INDEX cs_result_series;
