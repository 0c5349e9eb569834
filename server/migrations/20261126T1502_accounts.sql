-- Staff accounts (no public sign-up), server-side sessions and API tokens.
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE CHECK (username = lower(username)),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'chief', 'officer', 'civil_guard', 'block_leader', 'mediator', 'school_staff', 'viewer')),
  unit_id uuid NOT NULL REFERENCES units (id),
  ward_id uuid REFERENCES units (id),
  password_hash text NOT NULL,
  totp_secret_enc text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  recovery_codes text[] NOT NULL DEFAULT '{}',
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_ward ON users (ward_id);
CREATE INDEX users_unit ON users (unit_id);
CREATE INDEX users_name_trgm ON users USING gin (f_unaccent(lower(display_name || ' ' || username)) gin_trgm_ops);

-- A session is stored only as the SHA-256 of its token; stage says how far the login has come.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('password', 'totp_enrol', 'full')),
  pending_totp_secret_enc text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
