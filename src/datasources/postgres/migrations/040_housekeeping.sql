-- Housekeeping (src/jobs/housekeeping.ts): uploads never confirmed become EXPIRED; a task's
-- processed files (audio, stills) are deleted after PROCESSED_RETENTION_DAYS, its result kept.
ALTER TABLE videos DROP CONSTRAINT IF EXISTS videos_status_check;
ALTER TABLE videos ADD CONSTRAINT videos_status_check CHECK (status IN ('AWAITING_UPLOAD', 'UPLOADED', 'REJECTED', 'EXPIRED'));
CREATE INDEX IF NOT EXISTS videos_awaiting_upload_expiry_idx ON videos (upload_expires_at) WHERE status = 'AWAITING_UPLOAD';
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS processed_purged_at timestamptz;
CREATE INDEX IF NOT EXISTS tasks_processed_unpurged_idx ON tasks (finished_at) WHERE processed_purged_at IS NULL AND finished_at IS NOT NULL;
