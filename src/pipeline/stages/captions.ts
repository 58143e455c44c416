// Caption tracks for the TRANSCRIBING stage: sidecar files the owner attached (already parsed at
// confirmCaptionUpload) and the text subtitle streams of the source file, converted to WebVTT by
// MediaTools.extractSubtitles and recorded as embedded captions of the video.
import path from 'node:path';
import type { CaptionTrack, CaptionTrackSummary } from '../../analysis/caption-facts.js';
import { normalizeLanguage } from '../../analysis/language.js';
import { isTextSubtitleCodec } from '../../datasources/media/args.js';
import type { MediaProbe } from '../../domain/media.js';
import { ErrorCode, isAppError } from '../../errors.js';
import type { StageContext } from '../types.js';

/** Longest a single subtitle stream may take to convert (it is demuxed, not decoded). (Default: 120 s) */
const SUBTITLE_TIMEOUT_MS = 120_000;

export interface GatheredCaptions {
  tracks: CaptionTrack[];
  /** Streams that hold no readable text (bitmap subtitles) or failed to convert. */
  unreadable: CaptionTrackSummary[];
}

/**
 * Sidecars first (newest first), then the file's subtitle streams in order. A stream that cannot
 * be converted is listed as unreadable rather than failing the analysis; cancellation and
 * timeouts still propagate. `source` gives the local video, downloaded only when it is needed.
 */
export async function gatherCaptions(ctx: StageContext, media: MediaProbe, source: () => Promise<string>): Promise<GatheredCaptions> {
  const tracks: CaptionTrack[] = [];
  const unreadable: CaptionTrackSummary[] = [];
  for (const c of (await ctx.deps.captions?.readySidecars(ctx.video.id)) ?? []) {
    tracks.push({ source: 'sidecar', captionId: c.id, streamIndex: null, format: c.format, language: normalizeLanguage(c.language), cues: c.cues ?? [] });
  }
  const streams = media.subtitles ?? [];
  for (const [streamIndex, s] of streams.entries()) {
    const language = normalizeLanguage(s.language);
    const unread = (error: string): CaptionTrackSummary => ({
      source: 'embedded', captionId: null, streamIndex, format: s.codec, language, languageDetected: false, cueCount: 0, error,
    });
    if (!isTextSubtitleCodec(s.codec)) {
      unreadable.push(unread(`${s.codec} subtitles are pictures, not text`));
      continue;
    }
    try {
      const { cues } = await ctx.deps.media.extractSubtitles(await source(), streamIndex, path.join(ctx.workDir, `subtitles-${streamIndex}.vtt`), {
        format: 'webvtt',
        signal: ctx.signal,
        timeoutMs: Math.min(SUBTITLE_TIMEOUT_MS, ctx.deps.stageTimeoutMs),
      });
      // Video.captions lists what the file carries; a retry or re-analysis updates the same row.
      const row = await ctx.deps.captions?.upsertEmbedded({ videoId: ctx.video.id, ownerId: ctx.video.owner_id, streamIndex, codec: s.codec, language, cues });
      tracks.push({ source: 'embedded', captionId: row?.id ?? null, streamIndex, format: s.codec, language, cues });
    } catch (e) {
      if (!isAppError(e) || e.code !== ErrorCode.MEDIA_DECODE_FAILED) throw e;
      ctx.deps.logger.warn('subtitle stream could not be read', { taskId: ctx.task.id, streamIndex, codec: s.codec, error: e });
      unreadable.push(unread(e.message));
    }
  }
  return { tracks, unreadable };
}
