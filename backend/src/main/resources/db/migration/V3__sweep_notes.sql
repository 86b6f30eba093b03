-- What a user writes about a sweep in the sweeps list: free-text notes, tags (a JSON array of
-- strings) and whether the sweep is archived (hidden from GET /api/sweeps unless asked for).
ALTER TABLE sweeps ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE sweeps ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sweeps ADD COLUMN archived INTEGER NOT NULL DEFAULT 0
