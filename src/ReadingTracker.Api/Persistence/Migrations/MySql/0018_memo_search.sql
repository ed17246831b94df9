-- Memo search (ADR-015). One row per memo, keyed by the memo's id, written by the write path in the memo's own batch
-- (create and edit) on both masters, so it lands, is compensated and is recovered exactly as the memo is.
-- grams: the memo's text as the server tokenises it — each letter or digit and each adjacent pair of them, as short
-- ASCII tokens (SearchGrams) — because MariaDB's InnoDB full-text parser does not split Korean words and the engines
-- that do (Mroonga) keep their index outside InnoDB, which a Galera cluster does not replicate. InnoDB's FULLTEXT
-- index over these tokens answers a two-syllable query inside a longer word and replicates with the row.
-- A deleted memo keeps its row; searches join the memo and show live ones only.
-- Existing memos are indexed by the server after start-up (MemoSearchBackfill).
-- Every statement is IF NOT EXISTS, so a start that died half-way runs the file again to the end.
CREATE TABLE IF NOT EXISTS memo_search (
  id BIGINT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  grams MEDIUMTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE FULLTEXT INDEX IF NOT EXISTS ft_memo_search_grams ON memo_search (grams);
