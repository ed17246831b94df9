-- An index on each foreign key column that no other index starts with. MariaDB (InnoDB) makes one by itself
-- for every such foreign key, named after the constraint; SQLite makes none, so the two schemas differed by
-- these three. Declared here, they are the same on both providers: on MariaDB, creating one replaces the
-- index InnoDB had made for the same column. The reset-link lookup reads password_reset_tokens by user_id.
CREATE INDEX ix_password_reset_tokens_user ON password_reset_tokens (user_id);
CREATE INDEX ix_user_books_book ON user_books (book_id);
CREATE INDEX ix_memo_tags_tag ON memo_tags (tag_id);
