// Caption tracks: the only SQL about captions lives here.
import type { CaptionCue } from '../../domain/transcript.js';
import type { Executor } from './db.js';

export type CaptionSource = 'sidecar' | 'embedded';
export type CaptionStatus = 'AWAITING_UPLOAD' | 'READY' | 'REJECTED';

export interface CaptionRow {
  id: string;
  video_id: string;
  owner_id: string | null;
  source: CaptionSource;
  language: string | null;
  storage_key: string | null;
  filename: string | null;
  content_type: string | null;
  declared_size: number | null;
  upload_expires_at: Date | null;
  stream_index: number | null;
  codec: string | null;
  format: 'srt' | 'vtt' | null;
  cues: CaptionCue[] | null;
  cue_count: number | null;
  status: CaptionStatus;
  rejection_code: string | null;
  rejection_message: string | null;
  rejection_line: number | null;
  created_at: Date;
  ready_at: Date | null;
  updated_at: Date;
}

export interface NewSidecar {
  id: string;
  videoId: string;
  ownerId: string | null;
  language: string | null;
  storageKey: string;
  filename: string;
  contentType: string;
  declaredSize: number;
  uploadExpiresAt: Date;
}

export interface EmbeddedTrack {
  videoId: string;
  ownerId: string | null;
  streamIndex: number;
  codec: string;
  language: string | null;
  cues: CaptionCue[];
}

export class CaptionsRepo {
  constructor(private readonly db: Executor) {}

  async insertSidecar(c: NewSidecar, tx: Executor = this.db): Promise<CaptionRow> {
    const [row] = await tx.query<CaptionRow>(
      `INSERT INTO captions (id, video_id, owner_id, source, language, storage_key, filename, content_type, declared_size, upload_expires_at)
       VALUES ($1, $2, $3, 'sidecar', $4, $5, $6, $7, $8, $9) RETURNING *`,
      [c.id, c.videoId, c.ownerId, c.language, c.storageKey, c.filename, c.contentType, c.declaredSize, c.uploadExpiresAt],
    );
    return row!;
  }

  /**
   * insertSidecar unless the video already has `max` sidecars (any status: a rejected one can be
   * confirmed again); null then. The video row is locked, so concurrent calls cannot overshoot.
   */
  async insertSidecarCapped(c: NewSidecar, max: number): Promise<CaptionRow | null> {
    const db = this.db as Executor & { transaction?: <T>(fn: (tx: Executor) => Promise<T>) => Promise<T> };
    const run = async (tx: Executor) => {
      await tx.query('SELECT id FROM videos WHERE id = $1 FOR UPDATE', [c.videoId]);
      const [{ n }] = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM captions WHERE video_id = $1 AND source = 'sidecar'`, [
        c.videoId,
      ])) as [{ n: number }];
      return n >= max ? null : this.insertSidecar(c, tx);
    };
    return db.transaction ? db.transaction(run) : run(db);
  }

  async get(id: string, tx: Executor = this.db): Promise<CaptionRow | null> {
    const [row] = await tx.query<CaptionRow>('SELECT * FROM captions WHERE id = $1', [id]);
    return row ?? null;
  }

  async markReady(id: string, r: { format: 'srt' | 'vtt'; cues: CaptionCue[] }, tx: Executor = this.db): Promise<CaptionRow> {
    const [row] = await tx.query<CaptionRow>(
      `UPDATE captions SET status = 'READY', format = $2, cues = $3, cue_count = $4, ready_at = now(), updated_at = now(),
              rejection_code = NULL, rejection_message = NULL, rejection_line = NULL
       WHERE id = $1 RETURNING *`,
      [id, r.format, JSON.stringify(r.cues), r.cues.length],
    );
    return row!;
  }

  async markRejected(id: string, r: { code: string; message: string; line: number | null }, tx: Executor = this.db): Promise<CaptionRow> {
    const [row] = await tx.query<CaptionRow>(
      `UPDATE captions SET status = 'REJECTED', rejection_code = $2, rejection_message = $3, rejection_line = $4, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, r.code, r.message, r.line],
    );
    return row!;
  }

  /** Every track of these videos (any status), newest first, for Video.captions. */
  async forVideos(videoIds: readonly string[]): Promise<CaptionRow[]> {
    return this.db.query<CaptionRow>('SELECT * FROM captions WHERE video_id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC', [
      videoIds,
    ]);
  }

  /** Sidecars that parsed, newest first: what the TRANSCRIBING stage reads. */
  async readySidecars(videoId: string): Promise<CaptionRow[]> {
    return this.db.query<CaptionRow>(
      `SELECT * FROM captions WHERE video_id = $1 AND source = 'sidecar' AND status = 'READY' ORDER BY created_at DESC, id DESC`,
      [videoId],
    );
  }

  /** Records a subtitle stream read from the file; a later analysis of the same video updates the row. */
  async upsertEmbedded(t: EmbeddedTrack, tx: Executor = this.db): Promise<CaptionRow> {
    const [row] = await tx.query<CaptionRow>(
      `INSERT INTO captions (video_id, owner_id, source, stream_index, codec, language, format, cues, cue_count, status, ready_at)
       VALUES ($1, $2, 'embedded', $3, $4, $5, 'vtt', $6, $7, 'READY', now())
       ON CONFLICT (video_id, stream_index) WHERE source = 'embedded'
       DO UPDATE SET codec = EXCLUDED.codec, language = EXCLUDED.language, cues = EXCLUDED.cues, cue_count = EXCLUDED.cue_count,
                     status = 'READY', updated_at = now()
       RETURNING *`,
      [t.videoId, t.ownerId, t.streamIndex, t.codec, t.language, JSON.stringify(t.cues), t.cues.length],
    );
    return row!;
  }
}
