// What the one-pass analysis (analyzeArgs in ./analysis-args.ts) measures, read from ffmpeg's log, and the
// facts derived from it (shots, pacing, silent opening). Pure: the parser takes lines, the builder
// takes the parsed log, so both are tested on captured output without running ffmpeg.
import { SHOWINFO_CUTS, SHOWINFO_THUMBS, type ThumbnailTarget } from './analysis-args.js';
import { parseWavHeader } from '../audio/wav.js';
import { isTruncationMessage } from './args.js';
import {
  densestWindow,
  type LoudnessFacts,
  type MediaAnalysis,
  type ThumbnailKind,
  type TimeSegment,
  type Unmeasured,
} from '../../domain/media.js';

/** The measurements as ffmpeg printed them, before anything is derived. */
export interface AnalysisLog {
  loudness: {
    /** From the last ebur128 Summary (ffmpeg prints a bogus first one when filter_complex is configured twice). */
    integrated: number | null;
    range: number | null;
    truePeak: number | null;
    /** Per-100 ms frame lines seen. */
    frames: number;
    maxShortTerm: number | null;
    maxMomentary: number | null;
    /** Short-term loudness at each whole second (index 0 = at 1 s), unfloored; null before the window fills. */
    perSecond: Array<number | null>;
  };
  silences: Array<{ start: number; end: number | null }>;
  cuts: number[];
  black: TimeSegment[];
  frozen: Array<{ start: number; end: number | null }>;
  /** Times of the frames the thumbnail branch selected, in output order. */
  thumbFrames: number[];
  /** The demuxer reported a file cut short. */
  truncated: boolean;
}

/** ebur128 (BS.1770) gates blocks below −70 LUFS: anything lower is silence, not a level. */
export const LOUDNESS_FLOOR_LUFS = -70;
/** BS.1770 short-term loudness integrates over 3 s. */
const SHORT_TERM_WINDOW_SECONDS = 3;

const PREFIX = /^\[([^\s\]]+) @ (?:0x)?[0-9a-fA-F]+\]\s?(.*)$/;
const NUMBER = '(-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[+-]?\\d+)?|-?inf|nan)';
const EBUR128_FRAME = new RegExp(`\\bt:\\s*${NUMBER}\\s+TARGET:.*?\\bM:\\s*${NUMBER}\\s+S:\\s*${NUMBER}`, 'i');
const SCD = new RegExp(`lavfi\\.scd\\.score:\\s*${NUMBER},\\s*lavfi\\.scd\\.time:\\s*${NUMBER}`);
const PTS_TIME = new RegExp(`\\bn:\\s*(\\d+)\\s+pts:\\s*-?\\d+\\s+pts_time:${NUMBER}`);
const BLACK = new RegExp(`black_start:\\s*${NUMBER}\\s+black_end:\\s*${NUMBER}`);
const FREEZE_START = new RegExp(`freezedetect\\.freeze_start:\\s*${NUMBER}`);
const FREEZE_END = new RegExp(`freezedetect\\.freeze_end:\\s*${NUMBER}`);
const SILENCE_START = new RegExp(`silence_start:\\s*${NUMBER}`);
const SILENCE_END = new RegExp(`silence_end:\\s*${NUMBER}\\s*\\|\\s*silence_duration:\\s*${NUMBER}`);

/** A log with nothing measured yet. */
export function emptyAnalysisLog(): AnalysisLog {
  return {
    loudness: { integrated: null, range: null, truePeak: null, frames: 0, maxShortTerm: null, maxMomentary: null, perSecond: [] },
    silences: [],
    cuts: [],
    black: [],
    frozen: [],
    thumbFrames: [],
    truncated: false,
  };
}

/**
 * Reads the analysis run's stderr one line at a time, keeping only aggregates, so memory stays flat
 * however long the video. Lines count only when they carry the log prefix of the filter that prints
 * them: a file's own metadata (echoed in the input dump) cannot pose as a measurement.
 */
export class AnalysisLogParser {
  private readonly log: AnalysisLog = emptyAnalysisLog();
  /** Inside an ebur128 Summary block (its lines after the first carry no prefix). */
  private summary: { section: 'I' | 'LRA' | 'TP' | null; integrated: number | null; range: number | null; truePeak: number | null } | null =
    null;

  line(raw: string): void {
    const line = raw.replace(/\r$/, '');
    if (isTruncationMessage(line)) this.log.truncated = true;
    const m = PREFIX.exec(line);
    if (!m) {
      if (this.summary) this.summaryLine(line);
      return;
    }
    this.endSummary();
    const [, source, message] = m as unknown as [string, string, string];
    if (source.includes('ebur128')) this.ebur128(message);
    else if (source.includes('silencedetect')) this.silence(message);
    else if (source.includes('scdet')) {
      const s = SCD.exec(message);
      if (s) pushFinite(this.log.cuts, time(s[2]!));
    } else if (source === SHOWINFO_THUMBS) {
      const s = PTS_TIME.exec(message);
      if (s) pushFinite(this.log.thumbFrames, time(s[2]!));
    } else if (source === SHOWINFO_CUTS) {
      // The select fallback passes the first frame (showinfo's n:0) along with the cuts.
      const s = PTS_TIME.exec(message);
      if (s && s[1] !== '0') pushFinite(this.log.cuts, time(s[2]!));
    } else if (source.includes('blackdetect')) {
      const s = BLACK.exec(message);
      const start = s ? time(s[1]!) : null;
      const end = s ? time(s[2]!) : null;
      if (start !== null && end !== null) this.log.black.push({ start, end });
    } else if (source.includes('freezedetect')) {
      const start = FREEZE_START.exec(message);
      const end = FREEZE_END.exec(message);
      if (start) {
        const t = time(start[1]!);
        if (t !== null) this.log.frozen.push({ start: t, end: null });
      } else if (end) {
        const open = this.log.frozen.at(-1);
        const t = time(end[1]!);
        if (open && open.end === null && t !== null) open.end = t;
      }
    }
  }

  result(): AnalysisLog {
    this.endSummary();
    return structuredClone(this.log);
  }

  private ebur128(message: string): void {
    if (/^Summary:/.test(message.trim())) {
      this.summary = { section: null, integrated: null, range: null, truePeak: null };
      return;
    }
    const f = EBUR128_FRAME.exec(message);
    if (!f) return;
    const t = time(f[1]!);
    const momentary = parseNumber(f[2]!);
    const shortTerm = parseNumber(f[3]!);
    const l = this.log.loudness;
    l.frames++;
    if (momentary !== null) l.maxMomentary = l.maxMomentary === null ? momentary : Math.max(l.maxMomentary, momentary);
    if (shortTerm !== null) l.maxShortTerm = l.maxShortTerm === null ? shortTerm : Math.max(l.maxShortTerm, shortTerm);
    // Frames come every 100 ms; the value on (or just past) each whole second goes on the timeline.
    // ebur128 has no short-term value until its 3 s window is full (it prints −120.7 until then).
    if (t !== null) {
      while (t >= l.perSecond.length + 1 - 0.05) {
        const second = l.perSecond.length + 1;
        l.perSecond.push(second < SHORT_TERM_WINDOW_SECONDS || shortTerm === null ? null : shortTerm);
      }
    }
  }

  private summaryLine(line: string): void {
    const s = this.summary!;
    const text = line.trim();
    if (/^Integrated loudness:/.test(text)) s.section = 'I';
    else if (/^Loudness range:/.test(text)) s.section = 'LRA';
    else if (/^True peak:/.test(text)) s.section = 'TP';
    else {
      const v = new RegExp(`^(I|LRA|Peak):\\s*${NUMBER}`).exec(text);
      if (!v) return;
      const value = parseNumber(v[2]!);
      if (v[1] === 'I' && s.section === 'I') s.integrated = value;
      else if (v[1] === 'LRA' && s.section === 'LRA') s.range = value;
      else if (v[1] === 'Peak' && s.section === 'TP') s.truePeak = value;
    }
  }

  private endSummary(): void {
    if (!this.summary) return;
    const s = this.summary;
    this.summary = null;
    // Each Summary replaces the one before: the last is the real one.
    Object.assign(this.log.loudness, { integrated: s.integrated, range: s.range, truePeak: s.truePeak });
  }

  private silence(message: string): void {
    const start = SILENCE_START.exec(message);
    if (start) {
      const t = time(start[1]!);
      if (t !== null) this.log.silences.push({ start: Math.max(0, t), end: null });
      return;
    }
    const end = SILENCE_END.exec(message);
    if (!end) return;
    const t = time(end[1]!);
    const duration = time(end[2]!);
    if (t === null) return;
    const open = this.log.silences.at(-1);
    if (open && open.end === null) open.end = t;
    else this.log.silences.push({ start: Math.max(0, t - (duration ?? 0)), end: t });
  }
}

/** Parses a whole captured log (tests, small runs). */
export function parseAnalysisLog(text: string): AnalysisLog {
  const p = new AnalysisLogParser();
  for (const line of text.split('\n')) p.line(line);
  return p.result();
}

export interface BuildContext {
  /** Container duration (probe); the decoded time is used when absent. */
  durationSeconds: number | null;
  /** Decoded media time (last progress report). */
  analyzedSeconds: number | null;
  /** Average video frame rate, to tell a segment that runs to the last frame from one that ends early. */
  frameRate: number | null;
  sceneDetector: 'scdet' | 'select' | null;
  unmeasured: Unmeasured[];
}

/** A silence that starts this close to 0 opens the video. */
const OPENING_TOLERANCE_SECONDS = 0.05;
/** ABCD quick pacing counts shots in 5 s windows. */
export const PACING_WINDOW_SECONDS = 5;

export function buildMediaAnalysis(log: AnalysisLog, ctx: BuildContext): MediaAnalysis {
  const duration =
    ctx.durationSeconds && ctx.durationSeconds > 0
      ? ctx.durationSeconds
      : ctx.analyzedSeconds && ctx.analyzedSeconds > 0
        ? ctx.analyzedSeconds
        : null;
  const not = (fact: Unmeasured['fact']) => ctx.unmeasured.some((u) => u.fact === fact);
  // A detector reports the last frame's start as a segment's end; a segment that reaches the last
  // frame runs to the end of the video.
  const frame = ctx.frameRate && ctx.frameRate > 0 ? 1 / ctx.frameRate : 0.04;
  const close = (segs: Array<{ start: number; end: number | null }>): TimeSegment[] =>
    segs
      .map(({ start, end }) => {
        let e = end ?? duration ?? start;
        if (duration !== null && duration - e <= 1.5 * frame) e = duration;
        if (duration !== null) e = Math.min(e, duration);
        return { start: round3(Math.max(0, start)), end: round3(Math.max(start, e)) };
      })
      .filter((s) => s.end > s.start);

  const loudness = not('loudness') ? null : loudnessFacts(log.loudness);
  const silences = not('silences') ? null : close(log.silences);
  const cuts = not('shots') ? null : normaliseCuts(log.cuts, duration);
  const shots = cuts && duration !== null ? shotsFromCuts(cuts, duration) : null;
  return {
    analyzedSeconds: ctx.analyzedSeconds === null ? null : round3(ctx.analyzedSeconds),
    durationSeconds: duration === null ? null : round3(duration),
    loudness,
    silences,
    silentOpeningSeconds: silences ? silentOpening(silences) : null,
    sceneDetector: ctx.sceneDetector,
    cuts,
    shots,
    firstCutAt: cuts ? (cuts[0] ?? null) : null,
    averageShotSeconds: shots?.length ? round3(duration! / shots.length) : null,
    maxShotsIn5s: cuts && duration !== null ? maxShotsInWindow(cuts, duration, PACING_WINDOW_SECONDS) : null,
    shotsPer5s: cuts && duration !== null ? shotsPerWindow(cuts, duration, PACING_WINDOW_SECONDS) : null,
    blackSegments: not('black_segments') ? null : close(log.black),
    frozenSegments: not('frozen_segments') ? null : close(log.frozen),
    unmeasured: ctx.unmeasured,
  };
}

function loudnessFacts(l: AnalysisLog['loudness']): LoudnessFacts {
  const level = (v: number | null) => (v === null || v <= LOUDNESS_FLOOR_LUFS ? null : round1(v));
  const integrated = level(l.integrated);
  return {
    integratedLufs: integrated,
    rangeLu: integrated === null || l.range === null ? null : round1(l.range),
    truePeakDbtp: l.truePeak === null || !Number.isFinite(l.truePeak) ? null : round1(l.truePeak),
    maxShortTermLufs: level(l.maxShortTerm),
    maxMomentaryLufs: level(l.maxMomentary),
    timeline: l.perSecond.map((v) => (v === null ? null : round1(Math.max(LOUDNESS_FLOOR_LUFS, v)))),
    timelineStepSeconds: 1,
  };
}

/** Sorted, unique, inside (0, duration): a cut at 0 would be the first shot itself. */
export function normaliseCuts(cuts: number[], duration: number | null): number[] {
  const out: number[] = [];
  for (const c of [...cuts].map(round3).sort((a, b) => a - b)) {
    if (c <= 0 || (duration !== null && c >= duration) || out.at(-1) === c) continue;
    out.push(c);
  }
  return out;
}

export function shotsFromCuts(cuts: number[], duration: number): TimeSegment[] {
  const bounds = [0, ...cuts, duration];
  return bounds.slice(1).map((end, i) => ({ start: bounds[i]!, end }));
}

/** The most shots on screen within any window of `window` seconds (0 for an empty video). */
export function maxShotsInWindow(cuts: number[], duration: number, window: number): number {
  return duration > 0 ? densestWindow(cuts, window).shots : 0;
}

/** Shots seen in each consecutive window [k·w, (k+1)·w); the last may be partial. */
export function shotsPerWindow(cuts: number[], duration: number, window: number): number[] {
  const shots = shotsFromCuts(cuts, duration);
  const out: number[] = [];
  for (let start = 0; start < duration - 1e-9; start += window) {
    const end = start + window;
    out.push(shots.filter((s) => s.start < end && s.end > start).length);
  }
  return out;
}

/** The silence the video opens with (its end), or 0 when sound starts at once. */
export function silentOpening(silences: TimeSegment[]): number {
  const first = silences[0];
  return first && first.start <= OPENING_TOLERANCE_SECONDS ? first.end : 0;
}

export interface ThumbnailFile {
  kind: ThumbnailKind;
  /** Time of the frame shown. */
  atSeconds: number;
  /** File name in the run's output directory. */
  file: string;
}

/**
 * Which written file is which thumbnail. The fixed-time branch wrote thumb-NN.jpg for the frames it
 * selected (times in thumbFrames); the shot branch wrote shot-NNN.jpg for the first frame and then
 * each cut, up to its cap. A poster that falls in a black stretch gives way to the 3 s, 5 s or first
 * frame, the first of them that is not black.
 */
export function assignThumbnails(input: {
  targets: ThumbnailTarget[];
  thumbFrames: number[];
  cuts: number[] | null;
  shotFiles: number;
  black: TimeSegment[] | null;
}): ThumbnailFile[] {
  const thumbName = (i: number) => `thumb-${String(i + 1).padStart(2, '0')}.jpg`;
  const frameFor = (at: number) => (at <= 0 ? (input.thumbFrames.length ? 0 : -1) : input.thumbFrames.findIndex((t) => t >= at - 1e-3));
  const byKind = new Map<ThumbnailKind, ThumbnailFile>();
  for (const target of input.targets) {
    const i = frameFor(target.atSeconds);
    if (i >= 0) byKind.set(target.kind, { kind: target.kind, atSeconds: round3(input.thumbFrames[i]!), file: thumbName(i) });
  }
  const isBlack = (t: number) => (input.black ?? []).some((b) => t >= b.start && t < b.end);
  const poster = byKind.get('POSTER');
  if (poster && isBlack(poster.atSeconds)) {
    const alternative = (['AT_3S', 'AT_5S', 'AT_0S'] as const).map((k) => byKind.get(k)).find((t) => t && !isBlack(t.atSeconds));
    if (alternative) byKind.set('POSTER', { ...alternative, kind: 'POSTER' });
  }
  const out = (['POSTER', 'AT_0S', 'AT_3S', 'AT_5S'] as const).flatMap((k) => (byKind.has(k) ? [byKind.get(k)!] : []));
  if (input.cuts) {
    const starts = [input.thumbFrames[0] ?? 0, ...input.cuts].slice(0, input.shotFiles);
    starts.forEach((t, i) => out.push({ kind: 'SHOT', atSeconds: round3(t), file: `shot-${String(i + 1).padStart(3, '0')}.jpg` }));
  }
  return out;
}

/** ffmpeg's number text; "-inf"/"inf" as infinities (a silent track's peak), "nan" and junk as null. */
function parseNumber(text: string): number | null {
  const t = text.toLowerCase();
  if (t === 'inf' || t === '-inf') return t === 'inf' ? Infinity : -Infinity;
  const n = Number(t);
  return Number.isNaN(n) ? null : n;
}

/** A time: finite or nothing. */
function time(text: string): number | null {
  const n = parseNumber(text);
  return n !== null && Number.isFinite(n) ? n : null;
}

function pushFinite(list: number[], n: number | null): void {
  if (n !== null && Number.isFinite(n)) list.push(n);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Seconds of PCM in a RIFF/WAVE header (the `data` chunk's size, bounded by `fileSize`, over the
 * frame size and rate); null if it is not integer PCM WAV.
 */
export function wavDurationSeconds(header: Uint8Array, fileSize = Number.POSITIVE_INFINITY): number | null {
  try {
    return round3(parseWavHeader(Buffer.from(header.buffer, header.byteOffset, header.byteLength), fileSize).durationSeconds);
  } catch {
    return null;
  }
}
