-- Accounts, refresh tokens and API keys. Secrets are stored only as hashes.

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email           text NOT NULL,
  password_hash   text,
  role            text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  -- Supabase mode: the auth.users id this row mirrors.
  external_id     text UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

CREATE TABLE refresh_tokens (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash      text NOT NULL UNIQUE,
  -- Tokens issued by rotating one share a family; reuse of a rotated token revokes the family.
  family          uuid NOT NULL,
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family);

CREATE TABLE api_keys (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name            text NOT NULL,
  -- Public part of the key, shown in listings and used to find the row.
  prefix          text NOT NULL UNIQUE,
  key_hash        text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  revoked_at      timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

ALTER TABLE videos ADD CONSTRAINT videos_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE tasks ADD CONSTRAINT tasks_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;
