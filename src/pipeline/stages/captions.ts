// Caption tracks for the TRANSCRIBING stage: sidecar files the owner attached (already parsed at
// confirmCaptionUpload) and the text subtitle streams of the source file, converted to WebVTT by
// MediaTools.extractSubtitles and recorded as embedded captions of the video.
import path from 'node:path';
import type { CaptionTrack, CaptionTrackSummary } from '../../domain/transcript.js';
import { normalizeLanguage } from '../../analysis/language.js';
import { SUBTITLE_LIMIT_ERROR, isTextSubtitleCodec } from '../../datasources/media/subtitle-args.js';
import type { MediaProbe } from '../../domain/media.js';
import type { StageContext } from '../types.js';

/** Longest the subtitle streams may take to convert (they are demuxed, not decoded). (Default: 120 s) */
const SUBTITLE_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_SUBTITLE_STREAMS = 8;

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
    tracks.push({
      source: 'sidecar',
      captionId: c.id,
      streamIndex: null,
      format: c.format,
      language: normalizeLanguage(c.language),
      cues: c.cues ?? [],
    });
  }
  const streams = media.subtitles ?? [];
  const limit = ctx.deps.maxSubtitleStreams ?? DEFAULT_MAX_SUBTITLE_STREAMS;
  const wanted: Array<{ streamIndex: number; codec: string; language: string | null }> = [];
  for (const [streamIndex, s] of streams.entries()) {
    const language = normalizeLanguage(s.language);
    const unread = (error: string): CaptionTrackSummary => ({
      source: 'embedded',
      captionId: null,
      streamIndex,
      format: s.codec,
      language,
      languageDetected: false,
      cueCount: 0,
      error,
    });
    if (!isTextSubtitleCodec(s.codec)) unreadable.push(unread(`${s.codec} subtitles are pictures, not text`));
    // A file may carry hundreds of streams: the first `limit` text ones are read, the rest listed.
    else if (wanted.length >= limit) unreadable.push(unread(`${SUBTITLE_LIMIT_ERROR} (MEDIA_MAX_SUBTITLE_STREAMS=${limit})`));
    else wanted.push({ streamIndex, codec: s.codec, language });
  }
  if (!wanted.length) return { tracks, unreadable };
  // One ffmpeg run for all of them (MediaTools.extractSubtitleStreams).
  const results = await ctx.deps.media.extractSubtitleStreams(
    await source(),
    wanted.map((w) => ({ streamIndex: w.streamIndex, outPath: path.join(ctx.workDir, `subtitles-${w.streamIndex}.vtt`) })),
    { format: 'webvtt', signal: ctx.signal, timeoutMs: Math.min(SUBTITLE_TIMEOUT_MS, ctx.deps.stageTimeoutMs) },
  );
  for (const [i, w] of wanted.entries()) {
    const r = results[i]!;
    if ('error' in r) {
      ctx.deps.logger.warn('subtitle stream could not be read', {
        taskId: ctx.task.id,
        streamIndex: w.streamIndex,
        codec: w.codec,
        error: r.error,
      });
      unreadable.push({
        source: 'embedded',
        captionId: null,
        streamIndex: w.streamIndex,
        format: w.codec,
        language: w.language,
        languageDetected: false,
        cueCount: 0,
        error: r.error.message,
      });
      continue;
    }
    const { cues } = r.result;
    // Video.captions lists what the file carries; a retry or re-analysis updates the same row.
    const row = await ctx.deps.captions?.upsertEmbedded({
      videoId: ctx.video.id,
      ownerId: ctx.video.owner_id,
      streamIndex: w.streamIndex,
      codec: w.codec,
      language: w.language,
      cues,
    });
    tracks.push({
      source: 'embedded',
      captionId: row?.id ?? null,
      streamIndex: w.streamIndex,
      format: w.codec,
      language: w.language,
      cues,
    });
  }
  return { tracks, unreadable };
}
