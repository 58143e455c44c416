// MediaTools.extractSubtitles against the real ffmpeg, on files with mov_text, SubRip, WebVTT and
// ASS subtitle streams generated for the test.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MediaTools } from '../../../src/datasources/media/ffmpeg.js';
import { ErrorCode } from '../../../src/errors.js';
import { makeVideo, scratchPath } from '../../helpers/media.js';

const run = promisify(execFile);
const tools = new MediaTools();

const CUES = [
  { start: 0.5, end: 1.25, text: 'Buy now' },
  { start: 1.5, end: 2.75, text: 'Save <i>twenty</i> percent' },
];
const EXPECTED = [
  { start: 0.5, end: 1.25, text: 'Buy now' },
  { start: 1.5, end: 2.75, text: 'Save twenty percent' },
];

/**
 * Cues as read, times within 25 ms: when the test files are muxed into Matroska/WebM, ffmpeg shifts
 * the subtitle packets by the audio codec's priming delay (21 ms AAC, 14 ms Opus); the file itself
 * stores them there (ffprobe shows the same pts).
 */
function expectCues(got: Array<{ start: number; end: number; text: string }>) {
  expect(got.map((c) => c.text)).toEqual(EXPECTED.map((c) => c.text));
  got.forEach((c, i) => {
    expect(Math.abs(c.start - EXPECTED[i]!.start)).toBeLessThanOrEqual(0.025);
    expect(Math.abs(c.end - EXPECTED[i]!.end)).toBeLessThanOrEqual(0.025);
  });
}

describe('MediaTools.extractSubtitles', () => {
  it.each([
    { container: 'mp4' as const, codec: 'mov_text' },
    { container: 'mkv' as const, codec: 'subrip' },
    { container: 'webm' as const, codec: 'webvtt' },
  ])('reads a $codec stream from $container as cues', async ({ container, codec }) => {
    const file = await makeVideo({ container, seconds: 3, subtitles: CUES, subtitleLanguage: 'por' });
    const probe = await tools.probe(file);
    expect(probe.subtitles).toEqual([{ codec, language: 'por' }]);
    const out = scratchPath(`${container}.vtt`);
    const r = await tools.extractSubtitles(file, 0, out);
    expect(r).toMatchObject({ outputPath: out, format: 'webvtt' });
    expectCues(r.cues);
    expect(await readFile(out, 'utf8')).toMatch(/^WEBVTT/);
  });

  it('converts an ASS stream (styles and override codes dropped)', async () => {
    const source = await makeVideo({ container: 'mkv', seconds: 3, subtitles: CUES });
    const ass = scratchPath('ass.mkv');
    await run('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', source, '-map', '0', '-c', 'copy', '-c:s', 'ass', ass]);
    expect((await tools.probe(ass)).subtitles[0]?.codec).toBe('ass');
    const r = await tools.extractSubtitles(ass, 0, scratchPath('ass.vtt'));
    expectCues(r.cues);
  });

  it('writes SubRip when asked', async () => {
    const file = await makeVideo({ container: 'mp4', seconds: 3, subtitles: CUES });
    const out = scratchPath('out.srt');
    const r = await tools.extractSubtitles(file, 0, out, { format: 'srt' });
    expect(r.cues).toEqual(EXPECTED);
    expect(await readFile(out, 'utf8')).toMatch(/^1\r?\n00:00:00,500 --> 00:00:01,250/);
  });

  it('a missing stream is MEDIA_DECODE_FAILED (no_subtitle_stream) and leaves no file behind', async () => {
    const file = await makeVideo({ seconds: 1 });
    const out = scratchPath('none.vtt');
    await expect(tools.extractSubtitles(file, 0, out)).rejects.toMatchObject({
      code: ErrorCode.MEDIA_DECODE_FAILED,
      details: { reason: 'no_subtitle_stream' },
    });
    expect((await readdir(path.dirname(out))).filter((f) => f.startsWith(path.basename(out)))).toEqual([]);
  });

  it('an aborted call is CANCELLED', async () => {
    const file = await makeVideo({ container: 'mp4', seconds: 3, subtitles: CUES });
    await expect(tools.extractSubtitles(file, 0, scratchPath('x.vtt'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });

  it('refuses converted text over maxBytes', async () => {
    const file = await makeVideo({ container: 'mp4', seconds: 3, subtitles: CUES });
    await expect(tools.extractSubtitles(file, 0, scratchPath('big.vtt'), { maxBytes: 10 })).rejects.toMatchObject({
      code: ErrorCode.MEDIA_DECODE_FAILED,
      details: { reason: 'subtitles_too_large' },
    });
  });
});
