-- Offline shelf changes (ADR-013). user_books.version moves on every write of the entry, so a change made on an
-- older version (baseVersion) is known to be late and is resolved field by field instead of replacing blindly.
-- shelf_conflicts keeps every value that lost such a resolution: which entry and field, the value that lost and
-- the one that was kept (as wire text; NULL for none), whose value lost (STORED: what the server held; REQUEST:
-- what the late change asked for), and when. Rows are only ever inserted.
ALTER TABLE user_books ADD COLUMN version INT NOT NULL DEFAULT 1;
CREATE TABLE shelf_conflicts (
  id INTEGER NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  user_book_id INTEGER NOT NULL,
  field VARCHAR(30) NOT NULL,
  lost_value TEXT NULL,
  kept_value TEXT NULL,
  loser VARCHAR(10) NOT NULL,
  at INTEGER NOT NULL,
  CONSTRAINT fk_shelf_conflicts_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_shelf_conflicts_user_book FOREIGN KEY (user_book_id) REFERENCES user_books (id)
);
CREATE INDEX ix_shelf_conflicts_entry ON shelf_conflicts (user_book_id, at, id);
CREATE INDEX ix_shelf_conflicts_user ON shelf_conflicts (user_id, at);
