// Domain vocabulary shared by services, pipeline and GraphQL types.
export enum TaskStatus {
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  EXTRACTING_AUDIO = 'EXTRACTING_AUDIO',
  TRANSCRIBING = 'TRANSCRIBING',
  ANALYZING_AI = 'ANALYZING_AI',
  GENERATING_RECOMMENDATIONS = 'GENERATING_RECOMMENDATIONS',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

export enum VideoStatus {
  AWAITING_UPLOAD = 'AWAITING_UPLOAD',
  UPLOADED = 'UPLOADED',
  REJECTED = 'REJECTED',
  /** Never confirmed; its upload URL expired and housekeeping deleted whatever was uploaded. */
  EXPIRED = 'EXPIRED',
}

export enum Platform {
  TIKTOK = 'TIKTOK',
  META_FEED = 'META_FEED',
  META_REELS = 'META_REELS',
  META_STORIES = 'META_STORIES',
  YOUTUBE = 'YOUTUBE',
  YOUTUBE_SHORTS = 'YOUTUBE_SHORTS',
  LINKEDIN = 'LINKEDIN',
  SNAPCHAT = 'SNAPCHAT',
}

export enum Audience {
  GEN_Z = 'GEN_Z',
  MILLENNIALS = 'MILLENNIALS',
  GEN_X = 'GEN_X',
  BOOMERS = 'BOOMERS',
}

export interface AnalysisOptions {
  platforms?: Platform[];
  audiences?: Audience[];
  language?: string;
  objective?: string;
  /** Brand name as spoken, for the ABCD "brand mention in the first 5 s" check. */
  brand?: string;
}

export interface VideoRow {
  id: string;
  owner_id: string | null;
  filename: string;
  title: string | null;
  content_type: string;
  declared_size: number;
  storage_key: string;
  status: VideoStatus;
  size_bytes: number | null;
  media: unknown | null;
  rejection_code: string | null;
  rejection_message: string | null;
  upload_expires_at: Date;
  created_at: Date;
  uploaded_at: Date | null;
  updated_at: Date;
  idempotency_key?: string | null;
  /** The object's ETag at confirm (null before migration 070 or when the store gave none). */
  source_etag?: string | null;
}

export interface TaskRow {
  id: string;
  video_id: string;
  owner_id: string | null;
  origin: 'confirm' | 'reanalysis';
  idempotency_key?: string | null;
  status: TaskStatus;
  progress: number;
  options: AnalysisOptions;
  last_sequence: number;
  error_code: string | null;
  error_message: string | null;
  result: unknown | null;
  job_id: string | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

export interface TaskEventRow {
  task_id: string;
  sequence: number;
  status: TaskStatus;
  progress: number;
  message: string | null;
  error_code: string | null;
  error_message: string | null;
  at: Date;
}

/** Ids are UUIDs; anything else is reported as not found rather than reaching a uuid cast in SQL. */
export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
