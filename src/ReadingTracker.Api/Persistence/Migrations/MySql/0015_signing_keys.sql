-- The JWT signing keys every server instance shares (ADR-012), when Jwt:Secret is not configured. One row per
-- generation: generation 1 is created once, by whichever instance starts first (INSERT IGNORE on the primary key,
-- so two instances starting at once agree on one key); a rotation adds the next generation. Tokens name their key
-- by kid, so tokens signed by an older generation still verify until it is deleted.
-- secret: 64 random bytes, base64. In clear, like every other secret the database holds for the server: hiding it
-- would need a second secret from outside the database, and whoever has one can configure Jwt:Secret instead.
CREATE TABLE IF NOT EXISTS signing_keys (
  generation INT NOT NULL PRIMARY KEY,
  kid VARCHAR(32) NOT NULL,
  secret VARCHAR(200) NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY uk_signing_keys_kid (kid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
