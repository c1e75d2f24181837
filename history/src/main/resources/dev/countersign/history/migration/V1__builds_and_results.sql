-- Countersign history, schema 1. Portable SQL: the same script runs on SQLite and PostgreSQL.

CREATE TABLE cs_environment (
  fingerprint VARCHAR(16) NOT NULL PRIMARY KEY,
  description TEXT NOT NULL
);

-- one row per build of a module; (module, build_id) is the build's unique key
CREATE TABLE cs_build (
  module VARCHAR(300) NOT NULL,
  build_id VARCHAR(200) NOT NULL,
  commit_id VARCHAR(100) NOT NULL,
  branch VARCHAR(300) NOT NULL,
  built_at BIGINT NOT NULL, -- epoch milliseconds, UTC
  PRIMARY KEY (module, build_id)
);

CREATE INDEX cs_build_time ON cs_build (module, built_at);

-- one row per metric of a test in a build
CREATE TABLE cs_result (
  module VARCHAR(300) NOT NULL,
  build_id VARCHAR(200) NOT NULL,
  test VARCHAR(1000) NOT NULL,
  metric VARCHAR(300) NOT NULL,
  source VARCHAR(20) NOT NULL,
  meaning VARCHAR(1000) NOT NULL, -- kernel mode, VM-exit feed, other JVM agents ('' when none)
  unit VARCHAR(40) NOT NULL,
  environment VARCHAR(16) NOT NULL REFERENCES cs_environment (fingerprint),
  samples INTEGER NOT NULL,
  median DOUBLE PRECISION NOT NULL,
  mean DOUBLE PRECISION NOT NULL,
  stddev DOUBLE PRECISION NOT NULL,
  per_op TEXT NOT NULL, -- the per-iteration samples per op, space-separated
  verdict VARCHAR(40) NOT NULL,
  PRIMARY KEY (module, build_id, test, metric, source),
  FOREIGN KEY (module, build_id) REFERENCES cs_build (module, build_id)
);

CREATE INDEX cs_result_series ON cs_result (module, test, metric, source, meaning, unit, environment);
