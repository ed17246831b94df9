-- Offline shelf changes (ADR-013). user_books.version moves on every write of the entry, so a change made on an
-- older version (baseVersion) is known to be late and is resolved field by field instead of replacing blindly.
-- shelf_conflicts keeps every value that lost such a resolution: which entry and field, the value that lost and
-- the one that was kept (as wire text; NULL for none), whose value lost (STORED: what the server held; REQUEST:
-- what the late change asked for), and when. Rows are only ever inserted.
-- MariaDB commits each DDL statement on its own, so a start that died half-way leaves some of them done: every
-- statement here is IF NOT EXISTS, so the next start runs the file again to the end.
ALTER TABLE user_books ADD COLUMN IF NOT EXISTS version INT NOT NULL DEFAULT 1;
CREATE TABLE IF NOT EXISTS shelf_conflicts (
  id BIGINT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  user_book_id BIGINT NOT NULL,
  field VARCHAR(30) NOT NULL,
  lost_value TEXT NULL,
  kept_value TEXT NULL,
  loser VARCHAR(10) NOT NULL,
  at BIGINT NOT NULL,
  KEY ix_shelf_conflicts_entry (user_book_id, at, id),
  KEY ix_shelf_conflicts_user (user_id, at),
  CONSTRAINT fk_shelf_conflicts_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_shelf_conflicts_user_book FOREIGN KEY (user_book_id) REFERENCES user_books (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
