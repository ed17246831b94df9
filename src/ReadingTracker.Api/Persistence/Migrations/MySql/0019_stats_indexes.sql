-- Statistics (GET /stats) read a year, or every year, of one reader's memos and progress changes, grouped by day.
-- These indexes hold every column those reads touch, so they are answered from the index alone instead of one
-- table lookup per memo. IF NOT EXISTS: a start that died half-way runs the file again to the end.
CREATE INDEX IF NOT EXISTS ix_memo_user_stats ON memo (user_id, memo_start_time, deleted_at, user_book_id, page_number);
CREATE INDEX IF NOT EXISTS ix_progress_history_user_stats ON progress_history (user_id, at, user_book_id, from_page, to_page);
