-- What a user types by hand describes that user's shelf entry only; only provider data is shared.
-- books.owner_user_id: NULL for a shared catalogue row (provider data, found by ISBN), else the user
-- who typed the book in. A hand-typed row keeps isbn NULL, so the unique ISBN of the shared catalogue
-- can never point anyone else at it; the entry carries its ISBN instead.
ALTER TABLE books ADD COLUMN owner_user_id INTEGER NULL;

-- user_books.isbn: the book's ISBN-13 on this shelf, whichever way it was added, unique per user so
-- "already on your shelf" holds across a searched and a hand-typed copy of the same book.
ALTER TABLE user_books ADD COLUMN isbn VARCHAR(20) NULL;

UPDATE user_books SET isbn = (SELECT b.isbn FROM books b WHERE b.id = user_books.book_id);

CREATE UNIQUE INDEX uk_user_books_isbn ON user_books (user_id, isbn);

-- A book without an ISBN was always typed by hand and only its one entry can reach it.
UPDATE books SET owner_user_id = (
    SELECT ub.user_id FROM user_books ub WHERE ub.book_id = books.id ORDER BY ub.id LIMIT 1)
WHERE isbn IS NULL;

-- A shared row was written from whatever its first adder sent, search result or typing: we cannot
-- tell which. The first adder (the oldest entry on the row) keeps exactly what they saw, as their own
-- copy; its id is that entry's id, unique because one generator issues every id, and the same on both
-- masters. The row itself stays shared for everyone else and is refreshed from the provider the next
-- time anyone adds that ISBN.
INSERT INTO books (id, isbn, title, author, publisher, description, cover_url, total_pages, main_genre, pub_date,
                   created_at, updated_at, owner_user_id)
SELECT ub.id, NULL, b.title, b.author, b.publisher, b.description, b.cover_url, b.total_pages, b.main_genre, b.pub_date,
       b.created_at, b.updated_at, ub.user_id
FROM books b JOIN user_books ub ON ub.id = (SELECT MIN(f.id) FROM user_books f WHERE f.book_id = b.id)
WHERE b.isbn IS NOT NULL;

-- The copies are exactly the books whose id is an entry's id.
UPDATE user_books SET book_id = id WHERE EXISTS (SELECT 1 FROM books c WHERE c.id = user_books.id);
