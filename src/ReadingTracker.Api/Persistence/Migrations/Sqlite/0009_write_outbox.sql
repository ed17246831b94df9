-- The dual write's durable intent: one row per write batch, inserted inside the Primary transaction and
-- deleted once Secondary has committed. A row left behind means the server died between the two masters;
-- the recovery pass replays it (Primary → Secondary). Only Primary's copy is ever used: the one table the
-- consistency check does not compare (docs/decisions/ADR-006-write-outbox.md).
CREATE TABLE write_outbox (
  id INTEGER NOT NULL PRIMARY KEY,
  created_at INTEGER NOT NULL,
  row_refs TEXT NOT NULL
);
CREATE INDEX ix_write_outbox_created ON write_outbox (created_at);
