// Caption facts for the TRANSCRIBING stage: which caption track the video has (a sidecar file the
// owner attached, or a subtitle stream in the file), how much of the speech its cues cover, and how
// well its words agree with what was recognised. Pure; the stage gathers the inputs.
//
// Agreement is a measurement, not a verdict: pocketsphinx gets about half the words of clean
// synthetic speech wrong, so a low number there says little about the captions.
import { speechStats } from './captions.js';
import { detectLanguage, normalizeLanguage } from './language.js';
import type { CaptionFacts, CaptionTrack, CaptionTrackSummary, Transcript, TranscriptSegment, CaptionCue } from '../domain/transcript.js';

/** Cues kept in the stored facts; cueCount still counts them all. */
export const MAX_FACT_CUES = 500;
/** Captions lead and trail the voice by a few hundred milliseconds in practice. */
export const CUE_TOLERANCE_SECONDS = 0.5;

export interface CaptionFactsInput {
  tracks: CaptionTrack[];
  /** Tracks that could not be read, listed as they are. */
  unreadable?: CaptionTrackSummary[];
  transcript: Transcript;
  /** The analysis language (option or detected): a track in it is preferred. */
  preferLanguage?: string | null;
}

export function captionFacts(input: CaptionFactsInput): CaptionFacts {
  const summaries = input.tracks.map((t) => ({ track: t, summary: summarize(t) }));
  const prefer = normalizeLanguage(input.preferLanguage);
  const usable = summaries.filter((s) => s.track.cues.some((c) => countTokens(c.text) > 0));
  // Sidecars first (the owner attached them on purpose), newest first as given; then streams in order.
  const ordered = [...usable.filter((s) => s.track.source === 'sidecar'), ...usable.filter((s) => s.track.source === 'embedded')];
  // A track known to be in another language than the analysis' yields; one of unknown language does not.
  const chosen = (prefer && ordered.find((s) => s.summary.language === prefer || s.summary.language === null)) || ordered[0];
  const tracks = [...summaries.map((s) => s.summary), ...(input.unreadable ?? [])];
  const speech = speechSpans(input.transcript);
  const speechSeconds = speech ? round3(totalSeconds(union(speech))) : null;
  if (!chosen) {
    return {
      present: false,
      source: null,
      captionId: null,
      streamIndex: null,
      language: null,
      languageDetected: false,
      cueCount: 0,
      captionSeconds: 0,
      speechSeconds,
      coverage: null,
      agreement: null,
      firstCueAt: null,
      cues: [],
      tracks,
    };
  }
  const cues = [...chosen.track.cues].sort((a, b) => a.start - b.start);
  const cueSpans = union(cues.filter((c) => countTokens(c.text) > 0));
  return {
    present: true,
    source: chosen.track.source,
    captionId: chosen.track.captionId,
    streamIndex: chosen.track.streamIndex,
    language: chosen.summary.language,
    languageDetected: chosen.summary.languageDetected,
    cueCount: cues.length,
    captionSeconds: round3(totalSeconds(cueSpans)),
    speechSeconds,
    coverage: speech && speechSeconds ? round3(Math.min(1, overlapSeconds(union(speech), cueSpans) / totalSeconds(union(speech)))) : null,
    agreement: input.transcript.available ? captionAgreement(cues, input.transcript.segments) : null,
    firstCueAt: speechStats(cues).firstSpokenAt,
    cues: cues.slice(0, MAX_FACT_CUES),
    tracks,
  };
}

/**
 * Fills in what every transcript should carry whatever engine made it: the language (the engine's,
 * else detected from its text, else the requested one), speaking rate and first speech when the
 * engine left them out, and the caption facts.
 */
export function completeTranscript(
  transcript: Transcript,
  input: Omit<CaptionFactsInput, 'transcript'> & { requestedLanguage?: string | null },
): Transcript {
  const requested = normalizeLanguage(input.requestedLanguage);
  let t: Transcript;
  if (transcript.available) {
    const stats =
      transcript.wordsPerMinute === undefined || transcript.firstSpokenAt === undefined ? speechStats(transcript.segments) : null;
    t = {
      ...transcript,
      language: normalizeLanguage(transcript.language) ?? detectLanguage(transcript.text).language ?? requested,
      wordsPerMinute: transcript.wordsPerMinute ?? stats?.wordsPerMinute ?? null,
      firstSpokenAt: transcript.firstSpokenAt ?? stats?.firstSpokenAt ?? null,
    };
  } else {
    t = { ...transcript, language: transcript.language ?? requested };
  }
  const preferLanguage = requested ?? (t.available ? t.language : null);
  return { ...t, captions: captionFacts({ ...input, transcript: t, preferLanguage }) };
}

/** Word overlap between cues and the words recognised while each cue was on screen; see CaptionFacts.agreement. */
export function captionAgreement(cues: readonly CaptionCue[], segments: readonly TranscriptSegment[]): number | null {
  const heard = timedWords(segments);
  const perCue = cues.map(() => [] as string[]);
  for (const w of heard) {
    const mid = (w.start + w.end) / 2;
    let best = -1;
    let bestDistance = Infinity;
    cues.forEach((c, i) => {
      const distance = mid < c.start ? c.start - mid : mid > c.end ? mid - c.end : 0;
      if (distance <= CUE_TOLERANCE_SECONDS && distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    if (best >= 0) perCue[best]!.push(...tokens(w.text));
  }
  let matched = 0;
  let total = 0;
  cues.forEach((c, i) => {
    const said = perCue[i]!;
    const shown = tokens(c.text);
    if (!said.length || !shown.length) return;
    matched += multisetOverlap(shown, said);
    total += shown.length + said.length;
  });
  return total > 0 ? round3((2 * matched) / total) : null;
}

/** Lower-case words without accents or punctuation; sound descriptions ([music], (laughs), ♪) dropped. */
export function tokens(text: string): string[] {
  return text
    .replace(/\[[^\]]*\]|\([^)]*\)|♪[^♪]*♪?/g, ' ')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/'/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function countTokens(text: string): number {
  return tokens(text).length;
}

function summarize(t: CaptionTrack): CaptionTrackSummary {
  const declared = normalizeLanguage(t.language);
  const detected = declared ? null : detectLanguage(t.cues.map((c) => c.text).join('\n')).language;
  return {
    source: t.source,
    captionId: t.captionId,
    streamIndex: t.streamIndex,
    format: t.format,
    language: declared ?? detected,
    languageDetected: !declared && detected !== null,
    cueCount: t.cues.length,
    error: null,
  };
}

interface Span {
  start: number;
  end: number;
}

/** Speech time from word timings where the engine gives them, else from segments. */
function speechSpans(t: Transcript): Span[] | null {
  if (!t.available) return null;
  const words = t.segments.flatMap((s) => s.words ?? []);
  return words.length ? words : t.segments;
}

/** Recognised words with times; segments without word timings are spread evenly over their span. */
function timedWords(segments: readonly TranscriptSegment[]): Array<Span & { text: string }> {
  return segments.flatMap((s) => {
    if (s.words?.length) return s.words.map((w) => ({ start: w.start, end: w.end, text: w.word }));
    const parts = s.text.split(/\s+/).filter(Boolean);
    const step = parts.length ? Math.max(0, s.end - s.start) / parts.length : 0;
    return parts.map((text, i) => ({ start: s.start + i * step, end: s.start + (i + 1) * step, text }));
  });
}

function union(spans: readonly Span[]): Span[] {
  const sorted = spans
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .map((s) => ({ start: s.start, end: s.end }))
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push(s);
  }
  return out;
}

function totalSeconds(spans: readonly Span[]): number {
  return spans.reduce((n, s) => n + (s.end - s.start), 0);
}

/** Seconds where two sets of disjoint, sorted spans overlap. */
function overlapSeconds(a: readonly Span[], b: readonly Span[]): number {
  let total = 0;
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]!.end <= x.start) j++;
    for (let k = j; k < b.length && b[k]!.start < x.end; k++)
      total += Math.max(0, Math.min(x.end, b[k]!.end) - Math.max(x.start, b[k]!.start));
  }
  return total;
}

function multisetOverlap(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1);
  let n = 0;
  for (const w of a) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      n++;
      counts.set(w, c - 1);
    }
  }
  return n;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
