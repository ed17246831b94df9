-- What a user types by hand describes that user's shelf entry only; only provider data is shared.
-- books.owner_user_id: NULL for a shared catalogue row (provider data, found by ISBN), else the user
-- who typed the book in. A hand-typed row keeps isbn NULL, so the unique ISBN of the shared catalogue
-- can never point anyone else at it; the entry carries its ISBN instead.
ALTER TABLE books ADD COLUMN owner_user_id BIGINT NULL;

-- user_books.isbn: the book's ISBN-13 on this shelf, whichever way it was added, unique per user so
-- "already on your shelf" holds across a searched and a hand-typed copy of the same book.
ALTER TABLE user_books ADD COLUMN isbn VARCHAR(20) NULL;

UPDATE user_books ub JOIN books b ON b.id = ub.book_id SET ub.isbn = b.isbn;

ALTER TABLE user_books ADD UNIQUE KEY uk_user_books_isbn (user_id, isbn);

-- A book without an ISBN was always typed by hand and only its one entry can reach it.
UPDATE books b
JOIN (SELECT book_id, MIN(id) AS id FROM user_books GROUP BY book_id) m ON m.book_id = b.id
JOIN user_books f ON f.id = m.id
SET b.owner_user_id = f.user_id
WHERE b.isbn IS NULL;

-- A shared row was written from whatever its first adder sent, search result or typing: we cannot
-- tell which. The first adder (the oldest entry on the row) keeps exactly what they saw, as their own
-- copy; its id is that entry's id, unique because one generator issues every id, and the same on both
-- masters. The row itself stays shared for everyone else and is refreshed from the provider the next
-- time anyone adds that ISBN.
INSERT INTO books (id, isbn, title, author, publisher, description, cover_url, total_pages, main_genre, pub_date,
                   created_at, updated_at, owner_user_id)
SELECT f.id, NULL, b.title, b.author, b.publisher, b.description, b.cover_url, b.total_pages, b.main_genre, b.pub_date,
       b.created_at, b.updated_at, f.user_id
FROM books b
JOIN (SELECT book_id, MIN(id) AS id FROM user_books GROUP BY book_id) m ON m.book_id = b.id
JOIN user_books f ON f.id = m.id
WHERE b.isbn IS NOT NULL;

-- The copies are exactly the books whose id is an entry's id.
UPDATE user_books ub JOIN books c ON c.id = ub.id SET ub.book_id = ub.id;
