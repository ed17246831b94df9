-- One history row per replaced version of a memo. Two updates of the same version cannot both commit:
-- the later one fails on this key, re-reads the memo and applies on top, so no edit vanishes unrecorded.
CREATE UNIQUE INDEX uk_memo_history_version ON memo_history (memo_id, version);
DROP INDEX ix_memo_history_memo;
