-- Idempotency keys of the embedded default (without Redis): one row per (scope, key), on both masters.
CREATE TABLE idempotency_keys (
  id INTEGER NOT NULL PRIMARY KEY,
  key_hash CHAR(64) NOT NULL,
  fingerprint CHAR(64) NOT NULL,
  state VARCHAR(12) NOT NULL,
  status_code INT NULL,
  content_type VARCHAR(100) NULL,
  body TEXT NULL,
  locked_until INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT uk_idempotency_keys_hash UNIQUE (key_hash)
);
