-- Reading Tracker schema v1 (SQLite). Applied to both masters.
-- Ids are decided by the application (IdGenerator) and written explicitly to both masters:
-- no AUTO_INCREMENT anywhere, so the two copies can never drift apart.
-- Instants are INTEGER milliseconds since the Unix epoch (UTC); calendar dates are 'yyyy-MM-dd' text.

CREATE TABLE users (
  id INTEGER NOT NULL PRIMARY KEY,
  login_id VARCHAR(50) NOT NULL,
  email VARCHAR(100) NOT NULL,
  name VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(10) NOT NULL DEFAULT 'USER',
  status VARCHAR(10) NOT NULL DEFAULT 'ACTIVE',
  failed_login_count INT NOT NULL DEFAULT 0,
  locked_until INTEGER NULL,
  last_login_at INTEGER NULL,
  time_zone VARCHAR(64) NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CONSTRAINT uk_users_login_id UNIQUE (login_id),
  CONSTRAINT uk_users_email UNIQUE (email)
);

CREATE TABLE user_devices (
  id INTEGER NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  device_id VARCHAR(64) NOT NULL,
  device_name VARCHAR(100) NOT NULL,
  platform VARCHAR(10) NOT NULL DEFAULT 'WEB',
  last_seen_at INTEGER NULL,
  revoked_at INTEGER NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT uk_user_devices UNIQUE (user_id, device_id),
  CONSTRAINT fk_user_devices_user FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE refresh_tokens (
  id INTEGER NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  device_id VARCHAR(64) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  expires_at INTEGER NOT NULL,
  rotated_at INTEGER NULL,
  revoked_at INTEGER NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT uk_refresh_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE password_reset_tokens (
  id INTEGER NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  token_hash CHAR(64) NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT uk_password_reset_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_password_reset_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE books (
  id INTEGER NOT NULL PRIMARY KEY,
  isbn VARCHAR(20) NULL,
  title VARCHAR(255) NOT NULL,
  author VARCHAR(255) NOT NULL,
  publisher VARCHAR(255) NULL,
  description TEXT NULL,
  cover_url VARCHAR(500) NULL,
  total_pages INT NULL,
  main_genre VARCHAR(100) NULL,
  pub_date CHAR(10) NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CONSTRAINT uk_books_isbn UNIQUE (isbn)
);

CREATE TABLE user_books (
  id INTEGER NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  book_id INTEGER NOT NULL,
  category VARCHAR(20) NOT NULL,
  category_manually_set INTEGER NOT NULL DEFAULT 0,
  expectation VARCHAR(500) NULL,
  reading_start_date CHAR(10) NULL,
  reading_progress INT NULL,
  purchase_type VARCHAR(10) NULL,
  reading_finished_date CHAR(10) NULL,
  rating INT NULL,
  review TEXT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER NULL,
  CONSTRAINT uk_user_books UNIQUE (user_id, book_id),
  CONSTRAINT fk_user_books_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_user_books_book FOREIGN KEY (book_id) REFERENCES books (id)
);

CREATE TABLE tags (
  id INTEGER NOT NULL PRIMARY KEY,
  category VARCHAR(10) NOT NULL,
  code VARCHAR(50) NOT NULL,
  sort_order INT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CONSTRAINT uk_tags_category_code UNIQUE (category, code)
);

CREATE TABLE memo (
  id INTEGER NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  user_book_id INTEGER NOT NULL,
  client_id VARCHAR(36) NULL,
  page_number INT NOT NULL,
  content TEXT NOT NULL,
  memo_start_time INTEGER NOT NULL,
  version INT NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER NULL,
  CONSTRAINT uk_memo_client UNIQUE (user_id, client_id),
  CONSTRAINT fk_memo_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_memo_user_book FOREIGN KEY (user_book_id) REFERENCES user_books (id)
);

CREATE TABLE memo_tags (
  id INTEGER NOT NULL PRIMARY KEY,
  memo_id INTEGER NOT NULL,
  tag_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT uk_memo_tags UNIQUE (memo_id, tag_id),
  CONSTRAINT fk_memo_tags_memo FOREIGN KEY (memo_id) REFERENCES memo (id),
  CONSTRAINT fk_memo_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id)
);

CREATE TABLE memo_history (
  id INTEGER NOT NULL PRIMARY KEY,
  memo_id INTEGER NOT NULL,
  version INT NOT NULL,
  page_number INT NOT NULL,
  content TEXT NOT NULL,
  tags VARCHAR(1000) NOT NULL,
  edited_at INTEGER NOT NULL,
  replaced_at INTEGER NOT NULL,
  CONSTRAINT fk_memo_history_memo FOREIGN KEY (memo_id) REFERENCES memo (id)
);

CREATE INDEX ix_refresh_tokens_device ON refresh_tokens (user_id, device_id);
CREATE INDEX ix_user_books_category ON user_books (user_id, category);
CREATE INDEX ix_memo_user_time ON memo (user_id, memo_start_time);
CREATE INDEX ix_memo_book_time ON memo (user_book_id, memo_start_time);
CREATE INDEX ix_memo_history_memo ON memo_history (memo_id, version);
