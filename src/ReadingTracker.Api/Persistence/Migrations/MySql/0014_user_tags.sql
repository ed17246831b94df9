-- Own tags (ADR-011): a reader's tags live in `tags` beside the seeded catalogue, with an owner, so memo_tags
-- links them as it links the built-ins and the built-in rows and codes stay exactly as they were.
-- owner_user_id: NULL for the seeded catalogue, else the user who made the tag (code 'u' + the row id).
-- name: what the reader typed (NULL for built-ins, whose labels live in the client).
-- name_key: the name trimmed, NFC and lower-cased, while the tag is live; NULL for built-ins and deleted tags,
-- so the unique key below holds a name once per user and category and a deleted tag frees its name.
-- Both are 30 characters at most on the wire; the columns leave room for what normalising may add.
-- deleted_at: a deleted own tag stays as a tombstone (its code is never reused) and no read shows it.
ALTER TABLE tags ADD COLUMN owner_user_id BIGINT NULL;
ALTER TABLE tags ADD COLUMN name VARCHAR(50) NULL;
ALTER TABLE tags ADD COLUMN name_key VARCHAR(50) NULL;
ALTER TABLE tags ADD COLUMN deleted_at BIGINT NULL;
CREATE UNIQUE INDEX uk_tags_owner_name ON tags (owner_user_id, category, name_key);

-- A book's notebook by page: page ascending, then time.
CREATE INDEX ix_memo_book_page ON memo (user_book_id, page_number, memo_start_time);

-- The shelf by date added, started and finished, newest first (entries without the date after the rest).
CREATE INDEX ix_user_books_added ON user_books (user_id, created_at);
CREATE INDEX ix_user_books_started ON user_books (user_id, reading_start_date);
CREATE INDEX ix_user_books_finished ON user_books (user_id, reading_finished_date);
