-- Keyset cursors carry JavaScript dates (milliseconds): store creation times at that precision so
-- cursor comparisons are exact and can use the (created_at, id) indexes.
UPDATE videos SET created_at = date_trunc('milliseconds', created_at);
UPDATE tasks SET created_at = date_trunc('milliseconds', created_at);
ALTER TABLE videos ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now());
ALTER TABLE tasks ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now());
