// Videos: the only SQL about videos lives here.
import type { Executor } from './db.js';
import type { VideoRow, VideoStatus } from '../../domain/model.js';
import { type Page, type PageArgs, pageQuery } from './pagination.js';

export interface NewVideo {
  ownerId: string | null;
  filename: string;
  title: string | null;
  contentType: string;
  declaredSize: number;
  storageKey: string;
  uploadExpiresAt: Date;
  id: string;
  /** The client's idempotency key; unique per owner. */
  idempotencyKey?: string | null;
}

export class VideosRepo {
  constructor(private readonly db: Executor) {}

  async insert(v: NewVideo, tx: Executor = this.db): Promise<VideoRow> {
    const [row] = await tx.query<VideoRow>(
      `INSERT INTO videos (id, owner_id, filename, title, content_type, declared_size, storage_key, upload_expires_at, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [v.id, v.ownerId, v.filename, v.title, v.contentType, v.declaredSize, v.storageKey, v.uploadExpiresAt, v.idempotencyKey ?? null],
    );
    return row!;
  }

  async byIdempotencyKey(ownerId: string, key: string, tx: Executor = this.db): Promise<VideoRow | null> {
    const [row] = await tx.query<VideoRow>('SELECT * FROM videos WHERE owner_id = $1 AND idempotency_key = $2', [ownerId, key]);
    return row ?? null;
  }

  async get(id: string, tx: Executor = this.db): Promise<VideoRow | null> {
    const [row] = await tx.query<VideoRow>('SELECT * FROM videos WHERE id = $1', [id]);
    return row ?? null;
  }

  /** The video a task analyses (the worker has only the task's id and reads both at once). */
  async byTask(taskId: string): Promise<VideoRow | null> {
    const sql = 'SELECT v.* FROM videos v JOIN tasks t ON t.video_id = v.id WHERE t.id = $1';
    const [row] = await this.db.query<VideoRow>(sql, [taskId]);
    return row ?? null;
  }

  /** Locks the row for the rest of the transaction: confirm runs at most once per video at a time. */
  async getForUpdate(tx: Executor, id: string): Promise<VideoRow | null> {
    const [row] = await tx.query<VideoRow>('SELECT * FROM videos WHERE id = $1 FOR UPDATE', [id]);
    return row ?? null;
  }

  async getMany(ids: readonly string[]): Promise<VideoRow[]> {
    return this.db.query<VideoRow>('SELECT * FROM videos WHERE id = ANY($1::uuid[])', [ids]);
  }

  async markUploaded(tx: Executor, id: string, sizeBytes: number, media: unknown, etag: string | null = null): Promise<VideoRow> {
    const [row] = await tx.query<VideoRow>(
      `UPDATE videos SET status = 'UPLOADED', size_bytes = $2, media = $3, source_etag = $4, uploaded_at = now(), updated_at = now(),
              rejection_code = NULL, rejection_message = NULL
       WHERE id = $1 RETURNING *`,
      [id, sizeBytes, JSON.stringify(media), etag],
    );
    return row!;
  }

  async markRejected(tx: Executor, id: string, sizeBytes: number | null, code: string, message: string): Promise<VideoRow> {
    const [row] = await tx.query<VideoRow>(
      `UPDATE videos SET status = 'REJECTED', size_bytes = $2, rejection_code = $3, rejection_message = $4, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, sizeBytes, code, message],
    );
    return row!;
  }

  async list(args: PageArgs & { ownerId?: string | null; status?: VideoStatus }): Promise<Page<VideoRow>> {
    return pageQuery<VideoRow>(this.db, 'videos', { ownerId: args.ownerId, status: args.status }, args);
  }
}
