CREATE TABLE sweeps (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  spec TEXT NOT NULL,
  source TEXT,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE trials (
  id TEXT PRIMARY KEY,
  sweep TEXT NOT NULL REFERENCES sweeps(id),
  idx INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL
);
CREATE INDEX trials_by_sweep ON trials(sweep, idx);
CREATE TABLE metrics (
  trial TEXT NOT NULL,
  name TEXT NOT NULL,
  step INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  value REAL,
  attempt INTEGER NOT NULL,
  time TEXT,
  PRIMARY KEY (trial, name, step)
) WITHOUT ROWID;
CREATE TABLE rungs (
  sweep TEXT NOT NULL,
  rung INTEGER NOT NULL,
  trial TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (sweep, rung, trial)
) WITHOUT ROWID;
