// Caption sidecars: a SubRip or WebVTT file the owner attaches to a video through the same signed
// upload contract as the video itself (create → PUT to storage → confirm). Confirm reads the small
// file back, parses it and stores the cues; a malformed file is BAD_USER_INPUT naming its line.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Config } from '../config.js';
import { AppError, ErrorCode, isAppError } from '../errors.js';
import { VideoStatus } from '../domain/model.js';
import { parseSrt, parseVtt } from '../analysis/captions.js';
import { type CaptionCue } from '../domain/transcript.js';
import type { CaptionRow, CaptionsRepo } from '../datasources/postgres/captions.js';
import type { VideosRepo } from '../datasources/postgres/videos.js';
import type { SignedUpload, Storage } from '../datasources/storage/types.js';
import type { Caller } from '../auth/caller.js';
import * as rules from './input-rules.js';
import { ownCaption, ownVideo } from './ownership.js';

/** Accepted content types and the extension of the stored object. text/plain is sniffed. */
export const CAPTION_CONTENT_TYPES: Readonly<Record<string, string>> = {
  'text/vtt': '.vtt',
  'application/x-subrip': '.srt',
  'text/plain': '.txt',
};

/** Largest sidecar accepted: captions of a long film are a few hundred KB. (Default: 2 MiB) */
export const CAPTION_MAX_BYTES = 2 * 1024 * 1024;

export interface CreateCaptionUploadInput {
  videoId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  language?: string | null;
}

export class CaptionService {
  private readonly maxBytes: number;

  constructor(
    private readonly deps: {
      config: Config;
      videos: VideosRepo;
      captions: CaptionsRepo;
      storage: Storage;
      /** (Default: CAPTION_MAX_BYTES) */
      maxBytes?: number;
    },
  ) {
    this.maxBytes = deps.maxBytes ?? CAPTION_MAX_BYTES;
  }

  async createCaptionUpload(caller: Caller, input: CreateCaptionUploadInput): Promise<{ caption: CaptionRow; upload: SignedUpload }> {
    const { config, storage, captions, videos } = this.deps;
    if (!caller.userId) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first');
    const video = await ownVideo(caller, videos, input.videoId);
    if (video.status === VideoStatus.REJECTED)
      throw new AppError(ErrorCode.INVALID_STATE, 'the video was rejected; captions cannot be attached to it', {
        details: { videoId: video.id },
      });
    const filename = rules.filename(input.filename);
    const contentType = rules.contentType(input.contentType, Object.keys(CAPTION_CONTENT_TYPES), 'for captions');
    const ext = CAPTION_CONTENT_TYPES[contentType]!;
    rules.declaredSize(input.sizeBytes, this.maxBytes, 'the caption limit');
    const language = rules.languageTag(input.language);

    const id = randomUUID();
    // Under the video's owner-scoped prefix; never built from the user's filename.
    const key = `uploads/${video.owner_id ?? caller.userId}/${video.id}/captions/${id}${ext}`;
    const upload = await storage.presignUpload({
      key,
      contentType,
      sizeBytes: input.sizeBytes,
      expiresInSeconds: config.storage.uploadTtlSeconds,
    });
    const max = config.quotas.captionMaxSidecars;
    const caption = await captions.insertSidecarCapped(
      {
        id,
        videoId: video.id,
        ownerId: video.owner_id,
        language,
        storageKey: key,
        filename,
        contentType,
        declaredSize: input.sizeBytes,
        uploadExpiresAt: upload.expiresAt,
      },
      max,
    );
    if (!caption) {
      throw new AppError(ErrorCode.TOO_MANY_CAPTIONS, `a video holds at most ${max} sidecar caption files`, {
        details: { videoId: video.id, limit: max },
      });
    }
    return { caption, upload };
  }

  /**
   * Reads the uploaded file, parses it and stores its cues. Idempotent once READY; a REJECTED
   * caption is read again, so a corrected file PUT to the same URL can be confirmed.
   */
  async confirmCaptionUpload(caller: Caller, input: { captionId: string }): Promise<CaptionRow> {
    const { captions, storage } = this.deps;
    const caption = await ownCaption(caller, captions, input.captionId);
    if (caption.status === 'READY') return caption;
    const key = caption.storage_key!;
    const info = await storage.head(key);
    if (!info) throw new AppError(ErrorCode.UPLOAD_MISSING, 'the caption file has not been uploaded yet');
    if (info.sizeBytes > this.maxBytes)
      throw new AppError(ErrorCode.UPLOAD_TOO_LARGE, `the caption file exceeds ${this.maxBytes} bytes`, {
        details: { maxBytes: this.maxBytes, uploaded: info.sizeBytes },
      });
    if (info.sizeBytes !== caption.declared_size)
      throw new AppError(ErrorCode.UPLOAD_SIZE_MISMATCH, `uploaded ${info.sizeBytes} bytes but ${caption.declared_size} were declared`, {
        details: { uploaded: info.sizeBytes, declared: caption.declared_size },
      });
    const bytes = await readLimited(await storage.getObjectStream(key), this.maxBytes);

    let parsed: { format: 'srt' | 'vtt'; cues: CaptionCue[] };
    try {
      parsed = parseCaptionFile(decodeText(bytes), caption.content_type ?? 'text/plain');
    } catch (e) {
      if (!isAppError(e) || e.code !== ErrorCode.BAD_USER_INPUT) throw e;
      const line = typeof e.details?.line === 'number' ? e.details.line : null;
      await captions.markRejected(caption.id, { code: e.code, message: e.message, line });
      throw new AppError(ErrorCode.BAD_USER_INPUT, e.message, { cause: e, details: { ...e.details, captionId: caption.id } });
    }
    return captions.markReady(caption.id, parsed);
  }

  /** Caption tracks of many videos at once (DataLoader batches): relations of videos the caller already reached. */
  forVideos(videoIds: readonly string[]): Promise<CaptionRow[]> {
    return this.deps.captions.forVideos(videoIds);
  }
}

/**
 * SubRip or WebVTT by content: a file that starts with "WEBVTT" is WebVTT whatever its declared
 * type; otherwise text/vtt must be WebVTT (and fails on line 1) and anything else is read as SubRip.
 */
export function parseCaptionFile(text: string, contentType: string): { format: 'srt' | 'vtt'; cues: CaptionCue[] } {
  const vtt = /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text) || contentType === 'text/vtt';
  return vtt ? { format: 'vtt', cues: parseVtt(text) } : { format: 'srt', cues: parseSrt(text) };
}

/**
 * Text from a caption file's bytes: UTF-8 or UTF-16 by their byte-order mark, else UTF-8 when it is
 * valid, else Windows-1252 (what older SubRip files, Portuguese ones included, are often saved in).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The whole stream, refusing more than maxBytes (the object could change after head()). */
async function readLimited(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    n += b.length;
    if (n > maxBytes) {
      stream.destroy();
      throw new AppError(ErrorCode.UPLOAD_TOO_LARGE, `the caption file exceeds ${maxBytes} bytes`, { details: { maxBytes } });
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
