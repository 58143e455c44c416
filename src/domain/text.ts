// The one text rule for what callers send and what files carry. Postgres refuses NUL in text
// ("invalid byte sequence for encoding UTF8: 0x00"), terminals and log viewers act on C0/C1
// controls, and bidi overrides make a name read differently from what it is ("ad\u202E4pm.exe"
// shows as "adexe.mp4"). Arguments are refused (the caller can fix them); file content is cleaned.

/** C0 controls except \t \n \r, DEL, and C1 controls: never legitimate in text we store. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Line breaks and tabs: fine in free text (an objective, a caption), not in a one-line name. */
const LINE_CONTROL = /[\t\n\r]/;
/** Bidi embeddings, overrides (U+202A–202E) and isolates (U+2066–2069). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** A surrogate without its pair: not a character (node-postgres would store U+FFFD instead). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export type TextProblem = 'CONTROL_CHARACTER' | 'BIDI_CONTROL' | 'MALFORMED_UNICODE';

export interface TextViolation {
  reason: TextProblem;
  /** Index (UTF-16) of the first offending character. */
  index: number;
  /** The offending code point as U+XXXX. */
  codePoint: string;
}

const hex = (s: string, i: number) => `U+${(s.codePointAt(i) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

function find(re: RegExp, s: string): number {
  const m = re.exec(s);
  return m ? m.index : -1;
}

/**
 * Free text (objectives, emails, IDs, cursors, anything a caller sends): no NUL, C0 controls other
 * than \t \n \r, DEL, C1 controls, or lone surrogates. With `name`, also no tab or line break and
 * no bidi override or isolate. Returns the first violation, or null.
 */
export function textViolation(s: string, opts: { name?: boolean } = {}): TextViolation | null {
  let i = find(CONTROL, s);
  if (i >= 0) return { reason: 'CONTROL_CHARACTER', index: i, codePoint: hex(s, i) };
  if (opts.name) {
    i = find(LINE_CONTROL, s);
    if (i >= 0) return { reason: 'CONTROL_CHARACTER', index: i, codePoint: hex(s, i) };
    i = find(BIDI_CONTROL, s);
    if (i >= 0) return { reason: 'BIDI_CONTROL', index: i, codePoint: hex(s, i) };
  }
  i = find(LONE_SURROGATE, s);
  if (i >= 0) return { reason: 'MALFORMED_UNICODE', index: i, codePoint: hex(s, i) };
  return null;
}

const STRIP = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * File content (caption cues): drops what textViolation would refuse in a name except tabs and
 * line breaks, and replaces lone surrogates with U+FFFD.
 */
export function stripControls(s: string): string {
  return s.replace(STRIP, '').replace(LONE_SURROGATES, '\ufffd');
}
