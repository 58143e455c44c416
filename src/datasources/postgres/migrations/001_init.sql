-- Videos, analysis tasks, their append-only event log and per-stage outputs.
-- Runs with search_path set to our schema; nothing here needs superuser (Supabase-compatible).

CREATE TABLE videos (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id        uuid,
  filename        text NOT NULL,
  title           text,
  content_type    text NOT NULL,
  declared_size   bigint NOT NULL CHECK (declared_size > 0),
  storage_key     text NOT NULL UNIQUE,
  status          text NOT NULL DEFAULT 'AWAITING_UPLOAD'
                  CHECK (status IN ('AWAITING_UPLOAD', 'UPLOADED', 'REJECTED')),
  size_bytes      bigint,
  media           jsonb,
  rejection_code  text,
  rejection_message text,
  upload_expires_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  uploaded_at     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX videos_owner_created_idx ON videos (owner_id, created_at DESC, id DESC);
CREATE INDEX videos_created_idx ON videos (created_at DESC, id DESC);

CREATE TABLE tasks (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  video_id        uuid NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  owner_id        uuid,
  -- 'confirm' for the task confirmVideoUpload creates (one per video: confirm is idempotent),
  -- 'reanalysis' for analyzeVideo.
  origin          text NOT NULL CHECK (origin IN ('confirm', 'reanalysis')),
  status          text NOT NULL DEFAULT 'QUEUED',
  progress        integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  options         jsonb NOT NULL DEFAULT '{}',
  last_sequence   integer NOT NULL DEFAULT 0,
  error_code      text,
  error_message   text,
  result          jsonb,
  job_id          text,
  attempts        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tasks_one_confirm_per_video ON tasks (video_id) WHERE origin = 'confirm';
CREATE INDEX tasks_video_idx ON tasks (video_id, created_at DESC);
CREATE INDEX tasks_created_idx ON tasks (created_at DESC, id DESC);
CREATE INDEX tasks_status_created_idx ON tasks (status, created_at DESC, id DESC);
CREATE INDEX tasks_owner_created_idx ON tasks (owner_id, created_at DESC, id DESC);

-- Append-only: one row per transition or progress step, numbered 1, 2, 3… per task. Written in the
-- same transaction as the task's status; the log, not the notification, is the truth.
CREATE TABLE task_events (
  task_id         uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  sequence        integer NOT NULL CHECK (sequence > 0),
  status          text NOT NULL,
  progress        integer NOT NULL,
  message         text,
  error_code      text,
  error_message   text,
  at              timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (task_id, sequence)
);

-- One output per stage and task: a retried stage finds it and skips the work.
CREATE TABLE task_artifacts (
  task_id         uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  stage           text NOT NULL,
  data            jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, stage)
);
