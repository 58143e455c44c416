// The pure parts of the caption service: how uploaded bytes become text and cues.
import { describe, expect, it } from 'vitest';
import { decodeText, parseCaptionFile } from '../../src/services/captions.js';
import { ErrorCode } from '../../src/errors.js';

const SRT = '1\n00:00:01,000 --> 00:00:02,500\nNão perca!\n';

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(Buffer.from(SRT, 'utf8'))).toBe(SRT);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SRT, 'utf8')]))).toBe(SRT);
  });

  it('reads UTF-16 by its byte-order mark', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SRT, 'utf16le')]))).toBe(SRT);
    const be = Buffer.from(SRT, 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(SRT);
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8 (older SubRip files)', () => {
    expect(decodeText(Buffer.from(SRT, 'latin1'))).toBe(SRT);
  });
});

describe('parseCaptionFile', () => {
  it('reads SubRip, and WebVTT by its header whatever the declared type', () => {
    expect(parseCaptionFile(SRT, 'application/x-subrip')).toEqual({ format: 'srt', cues: [{ start: 1, end: 2.5, text: 'Não perca!' }] });
    expect(parseCaptionFile(SRT, 'text/plain').format).toBe('srt');
    const vtt = 'WEBVTT\n\n00:01.000 --> 00:02.500\nNão perca!\n';
    expect(parseCaptionFile(vtt, 'text/plain')).toEqual({ format: 'vtt', cues: [{ start: 1, end: 2.5, text: 'Não perca!' }] });
    expect(parseCaptionFile(vtt, 'application/x-subrip').format).toBe('vtt');
  });

  it('a malformed file is BAD_USER_INPUT naming the line', () => {
    expect(() => parseCaptionFile('1\n00:00:01,000 --> 00:00:02,500\nok\n\n2\nnot a timing\ntext\n', 'application/x-subrip')).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, details: { line: 6 } }),
    );
    // Declared WebVTT without the header fails on line 1 rather than being read as SubRip.
    expect(() => parseCaptionFile(SRT, 'text/vtt')).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, details: { line: 1 } }));
  });
});
