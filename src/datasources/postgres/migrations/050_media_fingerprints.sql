-- Same bytes, measured once: the sha256 of each task's source, so a re-analysis or a second upload
-- of identical content (same owner) reuses the stored media facts, perception and transcript.
CREATE TABLE media_fingerprints (
  task_id     uuid PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  owner_id    uuid,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_fingerprints_owner_sha_idx ON media_fingerprints (owner_id, sha256, created_at DESC);
