-- Supabase mode: a row mirrors an auth.users id (external_id), and Supabase owns email uniqueness.
-- A user deleted and re-created there keeps the email under a new id; the old row (and what it owns)
-- must not block the new one, nor be handed to it. So emails are unique among local accounts only.
DROP INDEX users_email_idx;
CREATE UNIQUE INDEX users_local_email_idx ON users (lower(email)) WHERE external_id IS NULL;
CREATE INDEX users_email_idx ON users (lower(email));
