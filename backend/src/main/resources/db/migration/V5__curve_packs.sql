-- Each finished trial's curves packed, one row per (trial, metric): the finite points' steps and
-- values in one blob (CurvePack.java owns the format) and the highest step stored for the metric,
-- a non-finite point's too. A sweep page reading one metric of 10,000 finished trials reads 10,000
-- rows instead of every stored point. The metrics table stays the record; a pack is only a copy.
-- trials.packed is 1 while every pack of the trial matches its points: the store packs a trial
-- once it is in a final state, and a write of its points drops its packs in the same transaction
-- (packed back to 0) until it is packed again. Stores from before this version are packed by the
-- store in the background after it opens; until then their curves are read point by point.
CREATE TABLE curve_packs (
  trial TEXT NOT NULL,
  name TEXT NOT NULL,
  points BLOB NOT NULL,
  last_step INTEGER NOT NULL,
  PRIMARY KEY (trial, name)
);
ALTER TABLE trials ADD COLUMN packed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX trials_unpacked ON trials(state) WHERE packed = 0
