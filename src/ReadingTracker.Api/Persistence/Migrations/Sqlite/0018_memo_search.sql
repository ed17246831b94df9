-- Memo search (ADR-015). memo_search is the table MariaDB has: one row per memo, written by the write path in the
-- memo's own batch, holding the memo's text as letter and letter-pair tokens (SearchGrams). Here it serves queries of
-- one or two characters, which SQLite's trigram tokenizer cannot index; longer ones go to memo_fts.
-- A deleted memo keeps its row; searches join the memo and show live ones only.
CREATE TABLE memo_search (
  id INTEGER NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  grams TEXT NOT NULL
);

-- The short-query index over memo_search.grams, kept in step with it by triggers in the same transaction.
CREATE VIRTUAL TABLE memo_search_fts USING fts5(grams, content='memo_search', content_rowid='id', tokenize='unicode61');
CREATE TRIGGER memo_search_fts_insert AFTER INSERT ON memo_search BEGIN
  INSERT INTO memo_search_fts (rowid, grams) VALUES (new.id, new.grams);
END;
CREATE TRIGGER memo_search_fts_delete AFTER DELETE ON memo_search BEGIN
  INSERT INTO memo_search_fts (memo_search_fts, rowid, grams) VALUES ('delete', old.id, old.grams);
END;
CREATE TRIGGER memo_search_fts_update AFTER UPDATE OF grams ON memo_search BEGIN
  INSERT INTO memo_search_fts (memo_search_fts, rowid, grams) VALUES ('delete', old.id, old.grams);
  INSERT INTO memo_search_fts (rowid, grams) VALUES (new.id, new.grams);
END;

-- Queries of three characters and more: FTS5's trigram tokenizer over memo.content finds any substring of three
-- characters or more, case-insensitively, Korean included. External content: the text stays in memo, and triggers on
-- memo keep the index in the memo write's own transaction, on each master, whoever writes the row (a request, a
-- compensation, a recovery copy).
CREATE VIRTUAL TABLE memo_fts USING fts5(content, content='memo', content_rowid='id', tokenize='trigram');
CREATE TRIGGER memo_fts_insert AFTER INSERT ON memo BEGIN
  INSERT INTO memo_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER memo_fts_delete AFTER DELETE ON memo BEGIN
  INSERT INTO memo_fts (memo_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER memo_fts_update AFTER UPDATE OF content ON memo BEGIN
  INSERT INTO memo_fts (memo_fts, rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO memo_fts (rowid, content) VALUES (new.id, new.content);
END;
INSERT INTO memo_fts (memo_fts) VALUES ('rebuild');
