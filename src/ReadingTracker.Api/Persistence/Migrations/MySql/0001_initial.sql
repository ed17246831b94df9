-- Reading Tracker schema v1 (MariaDB / MySQL). Applied to both masters.
-- Ids are decided by the application (IdGenerator) and written explicitly to both masters:
-- no AUTO_INCREMENT anywhere, so the two copies can never drift apart.
-- Instants are BIGINT milliseconds since the Unix epoch (UTC); calendar dates are 'yyyy-MM-dd' text.

CREATE TABLE users (
  id BIGINT NOT NULL PRIMARY KEY,
  login_id VARCHAR(50) NOT NULL,
  email VARCHAR(100) NOT NULL,
  name VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(10) NOT NULL DEFAULT 'USER',
  status VARCHAR(10) NOT NULL DEFAULT 'ACTIVE',
  failed_login_count INT NOT NULL DEFAULT 0,
  locked_until BIGINT NULL,
  last_login_at BIGINT NULL,
  time_zone VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE KEY uk_users_login_id (login_id),
  UNIQUE KEY uk_users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_devices (
  id BIGINT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  device_id VARCHAR(64) NOT NULL,
  device_name VARCHAR(100) NOT NULL,
  platform VARCHAR(10) NOT NULL DEFAULT 'WEB',
  last_seen_at BIGINT NULL,
  revoked_at BIGINT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY uk_user_devices (user_id, device_id),
  CONSTRAINT fk_user_devices_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE refresh_tokens (
  id BIGINT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  device_id VARCHAR(64) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  expires_at BIGINT NOT NULL,
  rotated_at BIGINT NULL,
  revoked_at BIGINT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY uk_refresh_tokens_hash (token_hash),
  KEY ix_refresh_tokens_device (user_id, device_id),
  CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE password_reset_tokens (
  id BIGINT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  token_hash CHAR(64) NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY uk_password_reset_tokens_hash (token_hash),
  CONSTRAINT fk_password_reset_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE books (
  id BIGINT NOT NULL PRIMARY KEY,
  isbn VARCHAR(20) NULL,
  title VARCHAR(255) NOT NULL,
  author VARCHAR(255) NOT NULL,
  publisher VARCHAR(255) NULL,
  description TEXT NULL,
  cover_url VARCHAR(500) NULL,
  total_pages INT NULL,
  main_genre VARCHAR(100) NULL,
  pub_date CHAR(10) NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE KEY uk_books_isbn (isbn)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_books (
  id BIGINT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  book_id BIGINT NOT NULL,
  category VARCHAR(20) NOT NULL,
  category_manually_set TINYINT(1) NOT NULL DEFAULT 0,
  expectation VARCHAR(500) NULL,
  reading_start_date CHAR(10) NULL,
  reading_progress INT NULL,
  purchase_type VARCHAR(10) NULL,
  reading_finished_date CHAR(10) NULL,
  rating INT NULL,
  review TEXT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT NULL,
  UNIQUE KEY uk_user_books (user_id, book_id),
  KEY ix_user_books_category (user_id, category),
  CONSTRAINT fk_user_books_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_user_books_book FOREIGN KEY (book_id) REFERENCES books (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE tags (
  id BIGINT NOT NULL PRIMARY KEY,
  category VARCHAR(10) NOT NULL,
  code VARCHAR(50) NOT NULL,
  sort_order INT NOT NULL,
  is_active TINYINT(1) NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE KEY uk_tags_category_code (category, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE memo (
  id BIGINT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  user_book_id BIGINT NOT NULL,
  client_id VARCHAR(36) NULL,
  page_number INT NOT NULL,
  content TEXT NOT NULL,
  memo_start_time BIGINT NOT NULL,
  version INT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT NULL,
  UNIQUE KEY uk_memo_client (user_id, client_id),
  KEY ix_memo_user_time (user_id, memo_start_time),
  KEY ix_memo_book_time (user_book_id, memo_start_time),
  CONSTRAINT fk_memo_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_memo_user_book FOREIGN KEY (user_book_id) REFERENCES user_books (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE memo_tags (
  id BIGINT NOT NULL PRIMARY KEY,
  memo_id BIGINT NOT NULL,
  tag_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY uk_memo_tags (memo_id, tag_id),
  CONSTRAINT fk_memo_tags_memo FOREIGN KEY (memo_id) REFERENCES memo (id),
  CONSTRAINT fk_memo_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE memo_history (
  id BIGINT NOT NULL PRIMARY KEY,
  memo_id BIGINT NOT NULL,
  version INT NOT NULL,
  page_number INT NOT NULL,
  content TEXT NOT NULL,
  tags VARCHAR(1000) NOT NULL,
  edited_at BIGINT NOT NULL,
  replaced_at BIGINT NOT NULL,
  KEY ix_memo_history_memo (memo_id, version),
  CONSTRAINT fk_memo_history_memo FOREIGN KEY (memo_id) REFERENCES memo (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
