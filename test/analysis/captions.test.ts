import { describe, expect, it } from 'vitest';
import { parseSrt, parseVtt, speechStats, toSrt, toVtt } from '../../src/analysis/captions.js';
import { type CaptionCue } from '../../src/domain/transcript.js';
import { ErrorCode, isAppError } from '../../src/errors.js';

const cues: CaptionCue[] = [
  { start: 0.5, end: 2.25, text: 'Buy now' },
  { start: 2, end: 4.001, text: 'and save\ntwenty percent' }, // overlaps the first
  { start: 3725.1, end: 3727.999, text: 'Tom & Jerry <3 -> home' },
];

/** The BAD_USER_INPUT line a parser reports for `text`. */
function badLine(parse: (t: string) => unknown, text: string): unknown {
  try {
    parse(text);
  } catch (e) {
    if (isAppError(e) && e.code === ErrorCode.BAD_USER_INPUT) return e.details?.line;
    throw e;
  }
  throw new Error('parsed without error');
}

describe('SRT', () => {
  it('writes the standard layout', () => {
    expect(toSrt(cues.slice(0, 2))).toBe(
      '1\n00:00:00,500 --> 00:00:02,250\nBuy now\n\n2\n00:00:02,000 --> 00:00:04,001\nand save\ntwenty percent\n',
    );
  });

  it('round-trips', () => {
    expect(parseSrt(toSrt(cues))).toEqual(cues);
  });

  it('reads BOM, CRLF, dot milliseconds, no final newline, overlaps and markup', () => {
    const text =
      '\uFEFF1\r\n00:00:01.000 --> 00:00:03,5\r\n<i>Hello</i> <font color="#ffff00">there</font>\r\n\r\n' +
      '2\r\n00:00:02,000 --> 00:00:04,000 X1:40 X2:600 Y1:20 Y2:50\r\n{\\an8}<b>Top</b>\r\n<u></u>\r\nline';
    expect(parseSrt(text)).toEqual([
      { start: 1, end: 3.5, text: 'Hello there' },
      { start: 2, end: 4, text: 'Top\nline' },
    ]);
  });

  it('reads old Mac line ends, blank-line runs and a cue without a blank line before it', () => {
    const text = '\r\r1\r00:00:01,000 --> 00:00:02,000\rOne\r2\r00:00:03,000 --> 00:00:04,000\rTwo\r\r\r';
    expect(parseSrt(text)).toEqual([
      { start: 1, end: 2, text: 'One' },
      { start: 3, end: 4, text: 'Two' },
    ]);
  });

  it('reads cues without numbers and empty files', () => {
    expect(parseSrt('00:00:01,000 --> 00:00:02,000\nNo index\n')).toEqual([{ start: 1, end: 2, text: 'No index' }]);
    expect(parseSrt('\uFEFF\n\n')).toEqual([]);
  });

  it('reports the line of malformed input', () => {
    expect(badLine(parseSrt, '1\n00:00:01,000 -> 00:00:02,000\nHi\n')).toBe(2);
    expect(badLine(parseSrt, '1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n\r\n2\r\n00:00:61,000 --> 00:01:02,000\r\n')).toBe(6);
    expect(badLine(parseSrt, '\uFEFF1\n00:00:05,000 --> 00:00:04,000\nBackwards\n')).toBe(2);
    expect(badLine(parseSrt, '1\n00:00:01,000 --> 00:00:02,000\nOk\n\nstray text\n')).toBe(5);
    expect(badLine(parseSrt, '1\n00:00:01,000 --> 00:00:02,000\nOk\n\n2\nno timing\n')).toBe(6);
    expect(badLine(parseSrt, '1\n00:00:01,000 --> 00:00:02,000junk\n')).toBe(2);
    expect(badLine(parseSrt, '1\n00:00:01,000 --> 00:00:02,000\nOk\n\n2')).toBe(5);
  });
});

describe('WebVTT', () => {
  it('writes the standard layout, escaping markup characters', () => {
    expect(toVtt([cues[0]!, cues[2]!])).toBe(
      'WEBVTT\n\n00:00:00.500 --> 00:00:02.250\nBuy now\n\n01:02:05.100 --> 01:02:07.999\nTom &amp; Jerry &lt;3 -&gt; home\n',
    );
    expect(toVtt([])).toBe('WEBVTT\n');
  });

  it('round-trips', () => {
    expect(parseVtt(toVtt(cues))).toEqual(cues);
  });

  it('skips header, NOTE, STYLE and REGION blocks; reads identifiers, settings and short timestamps', () => {
    const text = [
      '\uFEFFWEBVTT - Summer ad',
      'Kind: captions',
      'Language: en',
      '',
      'REGION',
      'id:bill width:40%',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'NOTE a comment',
      'over two lines',
      '',
      'NOTE',
      '',
      'intro',
      '00:01.000 --> 00:02,500 align:start position:10% line:0',
      '<v Roger Bingham><c.yellow.bg_blue>Hello</c> <i>there</i></v>',
      '&lt;b&gt; is &amp;amp; &#233;t&#xE9;&nbsp;ok',
      '',
      '01:00:00.000 --> 01:00:01.000',
      'Karaoke <00:00:00.200>words <00:00:00.400>here',
    ].join('\r\n');
    expect(parseVtt(text)).toEqual([
      // Entities are decoded before markup is stripped: an escaped tag is stripped like a real one.
      { start: 1, end: 2.5, text: 'Hello there\nis &amp; été ok' },
      { start: 3600, end: 3601, text: 'Karaoke words here' },
    ]);
  });

  it('ends a cue at a line holding "-->", as the spec does', () => {
    const text = 'WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n00:03.000 --> 00:04.000\nTwo';
    expect(parseVtt(text)).toEqual([
      { start: 1, end: 2, text: 'One' },
      { start: 3, end: 4, text: 'Two' },
    ]);
  });

  it('keeps overlapping cues in file order', () => {
    const text = 'WEBVTT\n\n00:05.000 --> 00:09.000\nLate\n\n00:01.000 --> 00:06.000\nEarly\n';
    expect(parseVtt(text).map((c) => c.text)).toEqual(['Late', 'Early']);
  });

  it('reports the line of malformed input', () => {
    expect(badLine(parseVtt, '1\n00:01.000 --> 00:02.000\nNo header\n')).toBe(1);
    expect(badLine(parseVtt, 'WEBVTTX\n')).toBe(1);
    expect(badLine(parseVtt, 'WEBVTT\n\nid\n00:01.000 -> 00:02.000\nHi\n')).toBe(4);
    expect(badLine(parseVtt, 'WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nok\r\n\r\n00:03.000 --> 00:aa.000\r\n')).toBe(6);
    expect(badLine(parseVtt, 'WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\nlonely id\n\n')).toBe(6);
    expect(badLine(parseVtt, 'WEBVTT\n\n00:03.000 --> 00:02.000\nbackwards\n')).toBe(3);
  });
});

describe('speechStats', () => {
  it('counts overlapping time once and ignores cues without words', () => {
    const stats = speechStats([
      { start: 0, end: 1, text: '♪ ♪' },
      { start: 2, end: 6, text: 'one two three four five' },
      { start: 4, end: 8, text: 'six seven eight nine ten' }, // overlaps: speaking time is 2..8
      { start: 10, end: 12, text: '- eleven twelve' },
    ]);
    expect(stats.firstSpokenAt).toBe(2);
    expect(stats.wordsPerMinute).toBe(90); // 12 words in 8 s
  });

  it('gives nulls without speech', () => {
    expect(speechStats([])).toEqual({ wordsPerMinute: null, firstSpokenAt: null });
    expect(speechStats([{ start: 1, end: 1, text: 'blip' }])).toEqual({ wordsPerMinute: null, firstSpokenAt: 1 });
  });
});
