-- An imported book without an ISBN is the same book by its normalised title and first author (ADR-014). The ISBN has
-- a unique key per reader (uk_user_books_isbn); this gives the title and author one too, so two imports of the same
-- file at once (or two files sharing such a book) cannot both add it: the second meets the key, plans again and finds
-- the first's entry. title_key: hex SHA-256 of BookIdentity.Key, set by imports of ISBN-less books only; NULL on every
-- other entry (NULLs never collide), so books added by hand are left as they were.
ALTER TABLE user_books ADD COLUMN title_key VARCHAR(64) NULL;
CREATE UNIQUE INDEX uk_user_books_title_key ON user_books (user_id, title_key);
