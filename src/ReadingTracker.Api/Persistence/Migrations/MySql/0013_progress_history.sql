-- Every change of a shelf entry's reading progress from issue 13 on (no backfill): when, whose, which entry, from
-- which page (null when the entry had no progress yet) to which, and what moved it (MEMO, MANUAL, START, FINISH,
-- CLOSE). Rows are only ever inserted. The index serves the entry's history, newest first, paged by (at, id).
CREATE TABLE IF NOT EXISTS progress_history (
  id BIGINT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  user_book_id BIGINT NOT NULL,
  from_page INT NULL,
  to_page INT NOT NULL,
  source VARCHAR(10) NOT NULL,
  at BIGINT NOT NULL,
  KEY ix_progress_history_entry (user_book_id, at, id),
  KEY ix_progress_history_user (user_id, at),
  CONSTRAINT fk_progress_history_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_progress_history_user_book FOREIGN KEY (user_book_id) REFERENCES user_books (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
