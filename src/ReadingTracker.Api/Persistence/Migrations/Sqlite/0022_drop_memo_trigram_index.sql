-- Memo search no longer reads the trigram index over memo.content (ADR-015, amendment): every word is matched through
-- memo_search's letter and pair tokens, on both providers, and then checked on the memo's text, so a search's answer
-- is the same whether it walked the reader's newest memos or asked the index. The trigram index and the triggers
-- that kept it cost every memo write and about as much disk as the memos; they go.
DROP TRIGGER IF EXISTS memo_fts_insert;
DROP TRIGGER IF EXISTS memo_fts_delete;
DROP TRIGGER IF EXISTS memo_fts_update;
DROP TABLE IF EXISTS memo_fts;
