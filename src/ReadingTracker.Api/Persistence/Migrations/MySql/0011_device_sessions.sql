-- A device's current session. Access tokens carry the session id they were issued in; logout, device
-- revoke, password change and reset clear or replace it, which ends every access token of that session
-- at once. A new login starts a new session, so it never revives a token of the one before.
-- Refresh tokens remember their session, so a token of an ended session cannot buy a pair in a new one.
-- NULL: no live session (rows written before this migration start one at their next refresh).
ALTER TABLE user_devices ADD COLUMN session_id CHAR(32) NULL;
ALTER TABLE refresh_tokens ADD COLUMN session_id CHAR(32) NULL;
