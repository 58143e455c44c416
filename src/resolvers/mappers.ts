// Rows → GraphQL objects. The only place that knows both shapes.
import { SUBTITLE_LIMIT_ERROR } from '../datasources/media/subtitle-args.js';
import { seenOf, toPerception } from './perception.mappers.js';
import type { TaskEventRow, TaskRow, VideoRow } from '../domain/model.js';
import { readStoredResult, type StoredResult } from '../pipeline/result.js';
import { toCreativeFields } from './result.mappers.js';
import type { TaskError } from './common.types.js';
import type { AnalyzedMediaFacts, MediaFacts } from './media.types.js';
import type { ThumbnailKind } from '../domain/media.js';
import type { AnalysisResult, Transcript } from './result.types.js';
import type { Task, TaskEvent } from './task.types.js';
import type { Video } from './video.types.js';
import { ErrorCode } from '../errors.js';
import type { CaptionFacts as StoredCaptionFacts, Transcript as StoredTranscript } from '../domain/transcript.js';
import type { CaptionRow } from '../datasources/postgres/captions.js';
import { CaptionSource, type CaptionFacts } from './speech.types.js';
import type { Caption, CaptionStatus } from './caption.types.js';

export function toVideo(r: VideoRow): Video {
  return {
    id: r.id,
    filename: r.filename,
    title: r.title,
    contentType: r.content_type,
    declaredSizeBytes: r.declared_size,
    sizeBytes: r.size_bytes,
    status: r.status,
    rejection: r.rejection_code ? taskError(r.rejection_code, r.rejection_message) : null,
    media: (r.media as MediaFacts | null) ?? null,
    createdAt: r.created_at,
    uploadedAt: r.uploaded_at,
    ownerId: r.owner_id,
  };
}

export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    status: r.status,
    progress: r.progress,
    error: r.error_code ? taskError(r.error_code, r.error_message) : null,
    result: r.result ? toResult(readStoredResult(r.result)) : null,
    lastSequence: r.last_sequence,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    videoId: r.video_id,
    ownerId: r.owner_id,
  };
}

function toResult(s: StoredResult): AnalysisResult {
  const t = s.transcript;
  return {
    ...s,
    media: toAnalyzedMedia(s),
    transcript: toTranscript(t),
    checks: s.checks.map((c) => ({ ...c, seen: seenOf(c.seen) })),
    ...toCreativeFields(s),
  } as AnalysisResult;
}

/** Stored transcripts before captions were read have no `captions` (null) and may lack the speech stats. */
export function toTranscript(t: StoredTranscript): Transcript {
  const captions = t.captions ? toCaptionFacts(t.captions) : null;
  if (!t.available) {
    return {
      available: false,
      engine: t.engine,
      unavailableReason: t.reason,
      language: t.language ?? null,
      text: null,
      segments: [],
      wordsPerMinute: null,
      firstSpokenAt: null,
      captions,
    };
  }
  return {
    available: true,
    engine: t.engine,
    unavailableReason: null,
    language: t.language,
    text: t.text,
    segments: t.segments.map((s) => ({ start: s.start, end: s.end, text: s.text, confidence: s.confidence, words: s.words ?? null })),
    wordsPerMinute: t.wordsPerMinute ?? null,
    firstSpokenAt: t.firstSpokenAt ?? null,
    captions,
  };
}

const CAPTION_SOURCE = { sidecar: CaptionSource.SIDECAR, embedded: CaptionSource.EMBEDDED } as const;

function toCaptionFacts(f: StoredCaptionFacts): CaptionFacts {
  return {
    present: f.present,
    source: f.source ? CAPTION_SOURCE[f.source] : null,
    language: f.language,
    languageDetected: f.languageDetected,
    cueCount: f.cueCount,
    captionSeconds: f.captionSeconds,
    speechSeconds: f.speechSeconds,
    coverage: f.coverage,
    agreement: f.agreement,
    firstCueAt: f.firstCueAt,
    cues: f.cues,
    tracks: f.tracks.map((x) => ({ ...x, source: CAPTION_SOURCE[x.source] })),
  };
}

export function toCaption(r: CaptionRow): Caption {
  return {
    id: r.id,
    source: CAPTION_SOURCE[r.source],
    status: r.status as CaptionStatus,
    language: r.language,
    filename: r.filename,
    contentType: r.content_type,
    format: r.format,
    streamIndex: r.stream_index,
    codec: r.codec,
    cueCount: r.cue_count,
    rejection: r.rejection_code ? { code: r.rejection_code, message: r.rejection_message ?? '', line: r.rejection_line } : null,
    createdAt: r.created_at,
    readyAt: r.ready_at,
    cueList: r.cues ?? [],
    videoId: r.video_id,
  };
}

/** Subtitle streams left unread by MEDIA_MAX_SUBTITLE_STREAMS, as one `unmeasured` entry. */
function unreadSubtitles(s: StoredResult): Array<{ fact: 'subtitles'; reason: string }> {
  const t = s.transcript as { captions?: { tracks?: Array<{ streamIndex: number | null; error?: string | null }> } } | undefined;
  const skipped = (t?.captions?.tracks ?? []).filter((c) => c.error?.startsWith(SUBTITLE_LIMIT_ERROR));
  if (!skipped.length) return [];
  const idx = skipped.map((c) => c.streamIndex);
  return [
    {
      fact: 'subtitles',
      reason: `${skipped.length} text subtitle streams not read (subtitle streams ${idx[0]}–${idx.at(-1)}): ${skipped[0]!.error!.slice(SUBTITLE_LIMIT_ERROR.length).trim()}`,
    },
  ];
}

/** ffprobe facts plus the one-pass measurements; results stored before those existed get nulls. */
function toAnalyzedMedia(s: StoredResult): AnalyzedMediaFacts {
  const a = s.mediaAnalysis ?? null;
  const l = a?.loudness ?? null;
  return {
    ...(s.media as MediaFacts),
    loudness: l && {
      integrated: l.integratedLufs,
      range: l.rangeLu,
      truePeak: l.truePeakDbtp,
      maxShortTerm: l.maxShortTermLufs,
      maxMomentary: l.maxMomentaryLufs,
      timeline: l.timeline,
      timelineStepSeconds: l.timelineStepSeconds,
    },
    silences: a?.silences ?? null,
    silentOpeningSeconds: a?.silentOpeningSeconds ?? null,
    sceneDetector: a?.sceneDetector ?? null,
    shots: a?.shots ?? null,
    firstCutAt: a?.firstCutAt ?? null,
    averageShotSeconds: a?.averageShotSeconds ?? null,
    maxShotsIn5s: a?.maxShotsIn5s ?? null,
    shotsPer5s: a?.shotsPer5s ?? null,
    blackSegments: a?.blackSegments ?? null,
    frozenSegments: a?.frozenSegments ?? null,
    // The URL is signed when the field is read (MediaThumbnailResolver), never stored.
    thumbnails: (a?.thumbnails ?? []).map((t) => ({ kind: t.kind as ThumbnailKind, atSeconds: t.atSeconds, key: t.key })),
    unmeasured: [...(a?.unmeasured ?? []), ...unreadSubtitles(s)],
    perception: toPerception(s.perception),
  };
}

export function toEvent(e: TaskEventRow): TaskEvent {
  return {
    taskId: e.task_id,
    sequence: e.sequence,
    status: e.status,
    progress: e.progress,
    message: e.message,
    at: e.at,
    error: e.error_code ? taskError(e.error_code, e.error_message) : null,
  };
}

/** A stored error code as the ErrorCode enum; a code from outside it (an older row) reads as INTERNAL_SERVER_ERROR. */
function taskError(code: string, message: string | null): TaskError {
  return { code: code in ErrorCode ? (code as ErrorCode) : ErrorCode.INTERNAL_SERVER_ERROR, message: message ?? '' };
}
