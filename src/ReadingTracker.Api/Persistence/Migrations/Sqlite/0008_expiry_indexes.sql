-- The housekeeping pass finds expired rows by expires_at, a batch at a time.
CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);
CREATE INDEX ix_password_reset_tokens_expires ON password_reset_tokens (expires_at);
