-- Idempotency keys of the embedded default (without Redis): one row per (scope, key), on both masters.
CREATE TABLE idempotency_keys (
  id BIGINT NOT NULL PRIMARY KEY,
  key_hash CHAR(64) NOT NULL,
  fingerprint CHAR(64) NOT NULL,
  state VARCHAR(12) NOT NULL,
  status_code INT NULL,
  content_type VARCHAR(100) NULL,
  body MEDIUMTEXT NULL,
  locked_until BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT uk_idempotency_keys_hash UNIQUE (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
