import { describe, expect, it } from 'vitest';
import { captionAgreement, captionFacts, completeTranscript, tokens } from '../../src/analysis/caption-facts.js';
import { type CaptionTrack } from '../../src/domain/transcript.js';
import { parseSrt, parseVtt, toSrt, toVtt } from '../../src/analysis/captions.js';
import type { Transcript, TranscriptSegment } from '../../src/domain/transcript.js';

/** Words one per 0.4 s from `at`, 0.3 s long. */
function spoken(at: number, text: string): TranscriptSegment {
  const words = text.split(' ').map((word, i) => ({ start: at + i * 0.4, end: at + i * 0.4 + 0.3, word, confidence: 0.9 }));
  return { start: words[0]!.start, end: words.at(-1)!.end, text, confidence: 0.9, words };
}

const transcript = (segments: TranscriptSegment[], extra: Partial<Extract<Transcript, { available: true }>> = {}): Transcript => ({
  available: true,
  engine: 'test',
  language: 'en',
  text: segments.map((s) => s.text).join(' '),
  segments,
  ...extra,
});

const track = (cues: CaptionTrack['cues'], over: Partial<CaptionTrack> = {}): CaptionTrack => ({
  source: 'sidecar', captionId: 'c1', streamIndex: null, format: 'srt', language: null, cues, ...over,
});

// Four words at 1.0–1.3, 1.4–1.7, 1.8–2.1, 2.2–2.5: 1.2 s of speech.
const SPEECH = [spoken(1, 'buy now save more')];

describe('captionFacts', () => {
  it('no tracks: absent, with the speech measured', () => {
    const f = captionFacts({ tracks: [], transcript: transcript(SPEECH) });
    expect(f).toMatchObject({ present: false, source: null, cueCount: 0, coverage: null, agreement: null, speechSeconds: 1.2, tracks: [] });
  });

  it('coverage is the share of word time under a cue', () => {
    const full = captionFacts({ tracks: [track([{ start: 0.9, end: 2.6, text: 'Buy now, save more!' }])], transcript: transcript(SPEECH) });
    expect(full).toMatchObject({ present: true, source: 'sidecar', captionId: 'c1', cueCount: 1, coverage: 1, agreement: 1, captionSeconds: 1.7, firstCueAt: 0.9 });
    // Covers the first two words (0.6 s of 1.2 s).
    const half = captionFacts({ tracks: [track([{ start: 0, end: 1.75, text: 'Buy now' }])], transcript: transcript(SPEECH) });
    expect(half.coverage).toBe(0.5);
    // Pauses between words are not speech: a cue over the gaps only covers nothing.
    const gaps = captionFacts({ tracks: [track([{ start: 1.3, end: 1.4, text: 'x' }, { start: 1.7, end: 1.8, text: 'y' }])], transcript: transcript(SPEECH) });
    expect(gaps.coverage).toBe(0);
  });

  it('segments stand in for words when the engine gives no word times', () => {
    const seg: TranscriptSegment = { start: 2, end: 4, text: 'buy now save more', confidence: null };
    const f = captionFacts({ tracks: [track([{ start: 3, end: 5, text: 'save more' }])], transcript: transcript([seg]) });
    expect(f.speechSeconds).toBe(2);
    expect(f.coverage).toBe(0.5);
    // Words spread evenly, 0.5 s each: "now" (2.5–3) is within 0.5 s of the cue, so it counts as
    // said under it: 2·2 / (2 shown + 3 heard).
    expect(f.agreement).toBe(0.8);
  });

  it('without a transcript, captions are still described', () => {
    const none: Transcript = { available: false, engine: 'pocketsphinx', reason: 'LANGUAGE_UNSUPPORTED' };
    const f = captionFacts({ tracks: [track([{ start: 0, end: 2, text: 'Compre agora e ganhe frete grátis para todo o Brasil' }])], transcript: none });
    expect(f).toMatchObject({ present: true, coverage: null, agreement: null, speechSeconds: null, language: 'pt', languageDetected: true });
  });

  it('prefers sidecars, then a track in the analysis language; lists unreadable streams', () => {
    const embedded = track([{ start: 0, end: 3, text: 'Compre agora' }], { source: 'embedded', captionId: null, streamIndex: 0, format: 'mov_text', language: 'pt' });
    const sidecar = track([{ start: 0, end: 3, text: 'Buy now' }], { language: 'en' });
    const unreadable = { source: 'embedded' as const, captionId: null, streamIndex: 1, format: 'dvd_subtitle', language: null, languageDetected: false, cueCount: 0, error: 'pictures' };
    const base = { tracks: [embedded, sidecar], unreadable: [unreadable], transcript: transcript(SPEECH) };
    expect(captionFacts(base)).toMatchObject({ source: 'sidecar', language: 'en' });
    expect(captionFacts({ ...base, preferLanguage: 'pt-BR' })).toMatchObject({ source: 'embedded', streamIndex: 0, language: 'pt' });
    expect(captionFacts(base).tracks.map((t) => [t.source, t.streamIndex, t.error])).toEqual([
      ['embedded', 0, null],
      ['sidecar', null, null],
      ['embedded', 1, 'pictures'],
    ]);
  });

  it('a track of unknown language is not passed over for an older one in the analysis language', () => {
    const newer = track([{ start: 0, end: 3, text: 'Buy' }], { captionId: 'new' });
    const older = track([{ start: 0, end: 3, text: 'Buy now and save on all of the shoes' }], { captionId: 'old' });
    expect(captionFacts({ tracks: [newer, older], transcript: transcript(SPEECH), preferLanguage: 'en' }).captionId).toBe('new');
    const pt = track([{ start: 0, end: 3, text: 'Compre agora e economize em todos os sapatos' }], { captionId: 'pt' });
    expect(captionFacts({ tracks: [pt, older], transcript: transcript(SPEECH), preferLanguage: 'en' }).captionId).toBe('old');
  });

  it('skips tracks with no words in them', () => {
    const empty = track([{ start: 0, end: 1, text: '♪ ♪' }]);
    const real = track([{ start: 0, end: 3, text: 'Buy now' }], { source: 'embedded', captionId: null, streamIndex: 0, format: 'mov_text' });
    expect(captionFacts({ tracks: [empty, real], transcript: transcript(SPEECH) }).source).toBe('embedded');
  });
});

describe('captionAgreement', () => {
  it('matches each word against the cue shown when it was said, ± 0.5 s', () => {
    const cues = [
      { start: 0.5, end: 1.5, text: 'Buy now' },
      { start: 1.6, end: 2.6, text: 'and save more' },
    ];
    // "buy now save more" at 1.0–2.5: buy, now → cue 1 (2 of 2 match); save, more → cue 2 ("and" unheard).
    expect(captionAgreement(cues, SPEECH)).toBe(round((2 * 4) / (2 + 2 + 3 + 2)));
  });

  it('counts recognition errors against it, and ignores cues with nothing said under them', () => {
    const heard = [spoken(1, 'by now safe more')];
    const cues = [{ start: 1, end: 2.5, text: 'Buy now save more' }, { start: 10, end: 12, text: 'Unrelated words later' }];
    expect(captionAgreement(cues, heard)).toBe(0.5); // now, more: 2·2 / (4 + 4)
    expect(captionAgreement(cues, [])).toBeNull();
  });

  it('tokens: lower case, accents, punctuation and sound descriptions removed', () => {
    expect(tokens("[MUSIC] Você NÃO vai acreditar! (risos) ♪ la la ♪ Don't")).toEqual(['voce', 'nao', 'vai', 'acreditar', 'dont']);
  });
});

describe('completeTranscript', () => {
  it('detects the language of a provider transcript that names none, and fills speech stats', () => {
    const t = completeTranscript(transcript([{ start: 0.5, end: 2.5, text: 'Compre agora e ganhe o seu desconto', confidence: null }], { language: null }), { tracks: [] });
    expect(t).toMatchObject({ available: true, language: 'pt', firstSpokenAt: 0.5, wordsPerMinute: 210, captions: { present: false } });
  });

  it("keeps the engine's language and stats", () => {
    const t = completeTranscript(transcript(SPEECH, { language: 'en-US', wordsPerMinute: 100, firstSpokenAt: 1 }), { tracks: [] });
    expect(t).toMatchObject({ language: 'en', wordsPerMinute: 100, firstSpokenAt: 1 });
  });

  it('an unavailable transcript keeps its reason and carries the requested language and the captions', () => {
    const t = completeTranscript(
      { available: false, engine: 'pocketsphinx', reason: 'LANGUAGE_UNSUPPORTED' },
      { tracks: [track([{ start: 0, end: 2, text: 'Compre agora' }], { language: 'pt' })], requestedLanguage: 'pt-BR' },
    );
    expect(t).toMatchObject({ available: false, reason: 'LANGUAGE_UNSUPPORTED', language: 'pt', captions: { present: true, language: 'pt' } });
    // JSON-serialisable as a stage artifact.
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });
});

describe('SRT and WebVTT export of a transcript', () => {
  const segments: TranscriptSegment[] = [
    { start: 0.53, end: 1.91, text: 'seven glasses of water', confidence: 0.8 },
    { start: 2.2, end: 4.005, text: 'buy now and save twenty percent', confidence: null },
    { start: 3725.1, end: 3727.999, text: 'ends soon & fast -> 50% off', confidence: null },
  ];
  const plain = segments.map(({ start, end, text }) => ({ start, end, text }));

  it('round-trips through SubRip', () => {
    expect(parseSrt(toSrt(segments))).toEqual(plain);
  });

  it('round-trips through WebVTT; what looks like markup is written escaped and never read back as markup', () => {
    const tagged = [...segments, { start: 4, end: 5, text: 'a <b> tag', confidence: null }];
    const vtt = toVtt(tagged);
    expect(vtt).toContain('a &lt;b&gt; tag');
    // Entities are decoded before markup is stripped (issue 15: "&lt;img …&gt;" must not come back as a tag).
    expect(parseVtt(vtt)).toEqual([...plain, { start: 4, end: 5, text: 'a tag' }]);
  });
});

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
