// SubRip (.srt) and WebVTT (.vtt) captions, read and written without I/O. The parsers accept what
// real files contain, not only what the specs allow: a BOM, CRLF or CR line ends, no final blank
// line, a comma or a dot before the milliseconds, overlapping or unordered cues, and inline markup
// (<i>, <font …>, <c.x>, <v Name>, <00:01.000>, {\an8}), which is stripped, and control characters,
// which are dropped (src/domain/text.ts). Anything else that
// does not parse throws BAD_USER_INPUT with `details.line` (1-based) naming the offending line.
import { badInput } from '../errors.js';
import { stripControls } from '../domain/text.js';
import type { CaptionCue } from '../domain/transcript.js';

export interface SpeechStats {
  /** Words per minute of cue time (overlaps counted once); null without words. */
  wordsPerMinute: number | null;
  /** Start of the first cue that holds a word; null without words. */
  firstSpokenAt: number | null;
}

export function parseSrt(input: string): CaptionCue[] {
  const lines = splitLines(input);
  const cues: CaptionCue[] = [];
  let cur: { timing: Timing; text: string[] } | null = null;
  const flush = () => {
    if (cur) cues.push({ ...cur.timing, text: cleanText(cur.text, false) });
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.includes('-->')) {
      const timing = parseTiming(line, i + 1);
      // A cue that follows without a blank line: the number just above is its index, not text.
      if (cur && cur.text.length && isIndex(cur.text.at(-1)!)) cur.text.pop();
      flush();
      cur = { timing, text: [] };
      continue;
    }
    if (cur) {
      cur.text.push(line);
      continue;
    }
    if (isIndex(line)) {
      const next = lines[i + 1];
      if (next !== undefined && next.includes('-->')) continue;
      throw badInput('SRT: expected a timing line ("00:00:01,000 --> 00:00:02,000") after the cue number', {
        line: next === undefined ? i + 1 : i + 2,
      });
    }
    throw badInput('SRT: expected a cue number or a timing line', { line: i + 1 });
  }
  flush();
  return cues;
}

export function parseVtt(input: string): CaptionCue[] {
  const lines = splitLines(input);
  // WebVTT §4.1: the file starts with "WEBVTT", alone or followed by a space or tab and free text.
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw badInput('WebVTT: the first line must be "WEBVTT"', { line: 1 });
  let i = 1;
  while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.includes('-->')) i++;

  const cues: CaptionCue[] = [];
  while (i < lines.length) {
    const first = lines[i]!;
    if (first.trim() === '') {
      i++;
      continue;
    }
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first) && !first.includes('-->')) {
      while (i < lines.length && lines[i]!.trim() !== '') i++;
      continue;
    }
    // An optional cue identifier, then the timing line.
    let t = i;
    if (!first.includes('-->')) {
      t = i + 1;
      const next = lines[t];
      if (next === undefined || !next.includes('-->')) {
        throw badInput('WebVTT: expected a timing line ("00:01.000 --> 00:02.000")', {
          line: next === undefined || next.trim() === '' ? i + 1 : t + 1,
        });
      }
    }
    const timing = parseTiming(lines[t]!, t + 1);
    const text: string[] = [];
    i = t + 1;
    // §6.1: a line containing "-->" ends the cue text and starts the next cue.
    while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.includes('-->')) text.push(lines[i++]!);
    cues.push({ ...timing, text: cleanText(text, true) });
  }
  return cues;
}

/** SubRip text. Cues without text are left out; a blank line inside a cue's text is dropped (it would end the cue). */
export function toSrt(cues: readonly CaptionCue[]): string {
  return writable(cues, (t) => t)
    .map((c, i) => `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${c.lines.join('\n')}\n`)
    .join('\n');
}

/** WebVTT text; &, < and > are escaped. Cues without text are left out. */
export function toVtt(cues: readonly CaptionCue[]): string {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = writable(cues, escape).map((c) => `${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n${c.lines.join('\n')}\n`);
  return ['WEBVTT\n', ...body].join('\n');
}

/** Speaking rate and first speech from transcript segments or caption cues. */
export function speechStats(segments: readonly Pick<CaptionCue, 'start' | 'end' | 'text'>[]): SpeechStats {
  const spoken = segments
    .map((s) => ({ start: s.start, end: Math.max(s.start, s.end), words: countWords(s.text) }))
    .filter((s) => s.words > 0 && Number.isFinite(s.start) && Number.isFinite(s.end))
    .sort((a, b) => a.start - b.start);
  if (!spoken.length) return { wordsPerMinute: null, firstSpokenAt: null };
  // Union of the intervals, so overlapping cues do not count the same seconds twice.
  let total = 0;
  let runStart = spoken[0]!.start;
  let runEnd = spoken[0]!.end;
  for (const s of spoken.slice(1)) {
    if (s.start > runEnd) {
      total += runEnd - runStart;
      runStart = s.start;
    }
    runEnd = Math.max(runEnd, s.end);
  }
  total += runEnd - runStart;
  const words = spoken.reduce((n, s) => n + s.words, 0);
  return {
    wordsPerMinute: total > 0 ? Math.round((words / total) * 600) / 10 : null,
    firstSpokenAt: spoken[0]!.start,
  };
}

interface Timing {
  start: number;
  end: number;
}

function splitLines(input: string): string[] {
  // File content, not an argument: controls (NUL, C0 but tab and line ends, C1, bidi) are dropped
  // rather than refused, and never reach the database or an error message.
  const lines = stripControls(input.replace(/^\uFEFF/, '')).split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const isIndex = (line: string) => /^\s*\d+\s*$/.test(line);

// Hours optional (WebVTT) or present (SubRip); fraction after "," or "." with 1–3 digits, or none.
const TIMESTAMP = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$/;

function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [, h, min, s, frac] = m;
  // Whole milliseconds first, so 1,123 reads as the double nearest 1.123 (as a writer's 1123 / 1000 does).
  return ((Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s)) * 1000 + Number((frac ?? '').padEnd(3, '0'))) / 1000;
}

/** "start --> end", then (WebVTT) cue settings or (SubRip) box coordinates, which are ignored. */
function parseTiming(line: string, lineNo: number): Timing {
  const m = /^\s*([\d:.,]+)\s*-->\s*([\d:.,]+)(?:[ \t]+.*)?$/.exec(line);
  const start = m ? parseTimestamp(m[1]!) : null;
  const end = m ? parseTimestamp(m[2]!) : null;
  if (start === null || end === null) throw badInput(`Bad timing line "${line.trim().slice(0, 80)}"`, { line: lineNo });
  if (end < start) throw badInput('Cue ends before it starts', { line: lineNo });
  return { start, end };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

/**
 * One line of cue text as plain text. Entities are decoded first (WebVTT only: SubRip has none), so
 * an escaped tag ("&lt;img …&gt;") is stripped like a real one instead of coming back as markup;
 * then ASS codes, tags and karaoke timestamps go; then any "<" that could still open a tag (one left
 * by nesting such as "<<i>img …>", or unclosed) is dropped; then controls and bidi overrides,
 * which a character reference (&#x202E;) may have produced. Plain "<" ("a < b", "<3") stays.
 */
function cleanLine(line: string, entities: boolean): string {
  let t = entities ? decodeEntities(line) : line;
  t = t
    .replace(/\{\\[^}]*\}/g, '') // ASS override codes some SRT files carry, e.g. {\an8}
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/<\d[\d:.,]*>/g, '') // WebVTT karaoke timestamps
    .replace(/<(?=[A-Za-z/!?])/g, '');
  // What was removed leaves no double space behind ("a <b> tag" reads "a tag").
  return stripControls(t).replace(/ {2,}/g, ' ').trim();
}

function decodeEntities(t: string): string {
  return t.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

function cleanText(lines: string[], entities: boolean): string {
  return lines
    .map((l) => cleanLine(l, entities))
    .filter(Boolean)
    .join('\n');
}

function writable(cues: readonly CaptionCue[], escape: (t: string) => string): Array<Timing & { lines: string[] }> {
  return cues
    .map((c) => ({
      start: Math.max(0, c.start),
      end: Math.max(0, c.start, c.end),
      // "-->" inside text would read back as a timing line.
      lines: c.text
        .split(/\r\n|\r|\n/)
        .map((l) => escape(l.trim().replace(/-->/g, '->')))
        .filter(Boolean),
    }))
    .filter((c) => c.lines.length > 0);
}

function stamp(seconds: number, sep: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const p = (v: number, w = 2) => String(v).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)}${sep}${p(ms % 1000, 3)}`;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
