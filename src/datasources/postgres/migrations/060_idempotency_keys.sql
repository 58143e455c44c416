-- Idempotency keys for createVideoUpload and analyzeVideo: the same key from the same owner names
-- one video (one task), so a retried or doubled request never creates a second one. The unique
-- indexes settle races: the losing insert fails and the caller returns the winner's row.
ALTER TABLE videos ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX videos_owner_idempotency_key ON videos (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

ALTER TABLE tasks ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX tasks_owner_idempotency_key ON tasks (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
