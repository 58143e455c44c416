-- Caption tracks of a video: sidecar files its owner uploads (signed upload like the video's, then
-- confirmCaptionUpload parses them) and subtitle streams the TRANSCRIBING stage found in the file.
-- Cues are stored parsed: [{ "start": seconds, "end": seconds, "text": "…" }].

CREATE TABLE captions (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  video_id          uuid NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  owner_id          uuid,
  source            text NOT NULL CHECK (source IN ('sidecar', 'embedded')),
  -- As given at upload or tagged on the stream (ISO 639-1 where known); null when not given.
  language          text,
  -- Sidecars: the object holding the file, and what was declared for it.
  storage_key       text UNIQUE,
  filename          text,
  content_type      text,
  declared_size     bigint CHECK (declared_size > 0),
  upload_expires_at timestamptz,
  -- Embedded: position among the file's subtitle streams (ffmpeg's 0:s:N) and its codec.
  stream_index      integer CHECK (stream_index >= 0),
  codec             text,
  -- 'srt' or 'vtt': how the cues were read.
  format            text CHECK (format IN ('srt', 'vtt')),
  cues              jsonb,
  cue_count         integer,
  status            text NOT NULL DEFAULT 'AWAITING_UPLOAD' CHECK (status IN ('AWAITING_UPLOAD', 'READY', 'REJECTED')),
  rejection_code    text,
  rejection_message text,
  -- 1-based line of a malformed file that could not be parsed.
  rejection_line    integer,
  created_at        timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  ready_at          timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'sidecar') = (storage_key IS NOT NULL)),
  CHECK ((source = 'embedded') = (stream_index IS NOT NULL))
);
CREATE INDEX captions_video_idx ON captions (video_id, created_at DESC, id DESC);
-- One row per subtitle stream of a video: analyses of the same file update it in place.
CREATE UNIQUE INDEX captions_embedded_stream ON captions (video_id, stream_index) WHERE source = 'embedded';
