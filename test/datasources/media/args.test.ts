import { describe, expect, it } from 'vitest';
import {
  classifyInputFailure,
  isTruncationMessage,
  parseFilterList,
  parseProgress,
  parseTimestamp,
  parseVersion,
  probeArgs,
} from '../../../src/datasources/media/args.js';
import { extractSubtitlesArgs, isTextSubtitleCodec } from '../../../src/datasources/media/subtitle-args.js';

/** The item following `flag` in argv. */
const after = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];

describe('probeArgs', () => {
  it('asks for JSON format and stream facts, input last', () => {
    const argv = probeArgs('/data/ad.mp4');
    expect(argv).toEqual([
      '-v', 'error', '-protocol_whitelist', 'file', '-format_whitelist', 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpeg,mpegts', '-print_format', 'json', '-show_format', '-show_streams', '/data/ad.mp4',
    ]);
  });

  it('lets a URL use HTTP(S) only and a local path files only', () => {
    expect(after(probeArgs('https://bucket.example/ad.mp4?sig=x'), '-protocol_whitelist')).toBe('http,https,tcp,tls');
    expect(after(probeArgs('relative/ad.mp4'), '-protocol_whitelist')).toBe('file');
  });

  it('keeps a path that starts with a dash from reading as an option', () => {
    expect(probeArgs('-weird.mp4').at(-1)).toBe('file:-weird.mp4');
  });

  it('counts packets only when asked', () => {
    expect(probeArgs('a.mkv')).not.toContain('-count_packets');
    expect(probeArgs('a.mkv', { countPackets: true })).toContain('-count_packets');
  });
});

// Blocks as ffmpeg 5.1 prints them with `-progress pipe:1`.
const START = [
  'bitrate=N/A', 'total_size=44', 'out_time_us=N/A', 'out_time_ms=N/A', 'out_time=N/A',
  'dup_frames=0', 'drop_frames=0', 'speed=N/A', 'progress=continue',
].join('\n') + '\n';
const MIDDLE = [
  'bitrate= 256.3kbits/s', 'total_size=65466', 'out_time_us=2043375', 'out_time_ms=2043375',
  'out_time=00:00:02.043375', 'dup_frames=0', 'drop_frames=0', 'speed=1.28e+03x', 'progress=continue',
].join('\n') + '\n';
const END = [
  'bitrate= 256.2kbits/s', 'total_size=128624', 'out_time_us=4017063', 'out_time_ms=4017063',
  'out_time=00:00:04.017063', 'dup_frames=0', 'drop_frames=0', 'speed=1.5e+03x', 'progress=end',
].join('\n') + '\n';

describe('parseProgress', () => {
  it('reads out_time per block and marks the last one', () => {
    const { updates, rest } = parseProgress(START + MIDDLE + END);
    expect(updates).toEqual([
      { outTimeSeconds: null, done: false },
      { outTimeSeconds: 2.043375, done: false },
      { outTimeSeconds: 4.017063, done: true },
    ]);
    expect(rest).toBe('');
  });

  it('gives the same result however the pipe splits the text', () => {
    const text = START + MIDDLE + END;
    for (const size of [1, 7, 50]) {
      const updates = [];
      let buffer = '';
      for (let i = 0; i < text.length; i += size) {
        const parsed = parseProgress(buffer + text.slice(i, i + size));
        buffer = parsed.rest;
        updates.push(...parsed.updates);
      }
      expect(updates.map((u) => u.outTimeSeconds)).toEqual([null, 2.043375, 4.017063]);
      expect(buffer).toBe('');
    }
  });

  it('keeps an unfinished block as rest', () => {
    const { updates, rest } = parseProgress(MIDDLE + 'bitrate=1\nout_time_us=3');
    expect(updates).toHaveLength(1);
    expect(rest).toBe('bitrate=1\nout_time_us=3');
  });

  it('treats a negative start time as unknown and falls back to out_time', () => {
    expect(parseProgress('out_time_us=-577014\nprogress=continue\n').updates[0]!.outTimeSeconds).toBeNull();
    expect(parseProgress('out_time=00:01:02.500000\nprogress=continue\n').updates[0]!.outTimeSeconds).toBe(62.5);
  });
});

describe('parseTimestamp', () => {
  it('reads HH:MM:SS.frac', () => {
    expect(parseTimestamp('00:00:04.00')).toBe(4);
    expect(parseTimestamp('01:02:03.5')).toBe(3723.5);
    expect(parseTimestamp('00:00:02.933000000')).toBeCloseTo(2.933, 6);
    expect(parseTimestamp('N/A')).toBeNull();
    expect(parseTimestamp('')).toBeNull();
  });
});

describe('parseFilterList', () => {
  // Excerpt of `ffmpeg -filters` (5.1), including the header and N (dynamic) outputs.
  const stdout = `Filters:
  T.. = Timeline support
  .S. = Slice threading
  ..C = Command support
  A = Audio input/output
  V = Video input/output
  N = Dynamic number and/or type of input/output
  | = Source or sink filter
 ... aselect           A->N       Select audio frames to pass in output.
 T.C ebur128           A->N       EBU R128 scanner.
 ... silencedetect     A->A       Detect silence.
 .S. blackdetect       V->V       Detect video intervals that are (almost) black.
 ... scdet             V->V       Detect video scene change
 ... select            V->N       Select video frames to pass in output.
 ... amix              N->A       Audio mixing.
 ... anullsrc          |->A       Null audio source, return empty audio frames.
`;

  it('finds every filter, including dynamic-output ones', () => {
    const names = parseFilterList(stdout);
    for (const f of ['aselect', 'ebur128', 'silencedetect', 'blackdetect', 'scdet', 'select', 'amix', 'anullsrc']) {
      expect(names.has(f)).toBe(true);
    }
    expect(names.has('freezedetect')).toBe(false);
    expect(names.has('T..')).toBe(false);
  });
});

describe('banner and stderr parsers', () => {
  it('reads the version from the banner', () => {
    expect(parseVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers\n')).toBe('5.1.9-0+deb12u1');
    expect(parseVersion('ffmpeg version n7.1 Copyright')).toBe('n7.1');
    expect(parseVersion('garbage')).toBeNull();
  });

  it('recognises the demuxer line of a truncated mp4', () => {
    expect(isTruncationMessage('[mov,mp4,m4a,3gp,3g2,mj2 @ 0x561db44ce1c0] stream 1, offset 0x31844: partial file')).toBe(true);
    expect(isTruncationMessage('Cannot use rename on non file protocol, this may lead to races and temporary partial files')).toBe(false);
  });

  it('tells a missing or unreachable input from bad bytes', () => {
    expect(classifyInputFailure('/data/x.mp4: No such file or directory')).toBe('missing');
    expect(classifyInputFailure('http://h/x.mp4: Server returned 404 Not Found')).toBe('missing');
    expect(classifyInputFailure('[tcp @ 0x1] Connection to tcp://127.0.0.1:1 failed: Connection refused')).toBe('unreachable');
    expect(classifyInputFailure('http://h/x.mp4: Server returned 5XX Server Error reply')).toBe('unreachable');
    expect(classifyInputFailure('http://h/x.mp4: Server returned 403 Forbidden (access denied)')).toBe('unreachable');
    expect(classifyInputFailure('x.mp4: Invalid data found when processing input')).toBeNull();
  });
});

describe('extractSubtitlesArgs', () => {
  it('maps the Nth subtitle stream to WebVTT by default, input and output guarded', () => {
    const argv = extractSubtitlesArgs('/data/ad.mp4', 1, '/tmp/out.vtt');
    expect(argv).toEqual([
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y', '-protocol_whitelist', 'file',
      '-format_whitelist', 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpeg,mpegts',
      '-i', '/data/ad.mp4', '-map', '0:s:1', '-map_metadata', '-1', '-c:s', 'webvtt', '-f', 'webvtt', '/tmp/out.vtt',
    ]);
  });

  it('writes SubRip when asked', () => {
    const argv = extractSubtitlesArgs('a.mkv', 0, 'out.srt', { format: 'srt' });
    expect(after(argv, '-c:s')).toBe('srt');
    expect(after(argv, '-f')).toBe('srt');
  });

  it('reads URLs over HTTP(S) only and keeps dash-leading paths from reading as options', () => {
    expect(after(extractSubtitlesArgs('https://bucket.example/a.mp4?sig=x', 0, 'o.vtt'), '-protocol_whitelist')).toBe('http,https,tcp,tls');
    const argv = extractSubtitlesArgs('-in.mp4', 0, '-out.vtt');
    expect(after(argv, '-i')).toBe('file:-in.mp4');
    expect(argv.at(-1)).toBe('file:-out.vtt');
  });

  it('refuses a bad stream index or format', () => {
    expect(() => extractSubtitlesArgs('a.mp4', -1, 'o.vtt')).toThrow(RangeError);
    expect(() => extractSubtitlesArgs('a.mp4', 0.5, 'o.vtt')).toThrow(RangeError);
    expect(() => extractSubtitlesArgs('a.mp4', 0, 'o.vtt', { format: 'ass' as never })).toThrow(RangeError);
  });
});

describe('isTextSubtitleCodec', () => {
  it('accepts text codecs and refuses picture ones', () => {
    for (const c of ['mov_text', 'subrip', 'webvtt', 'ass', 'ssa', 'MOV_TEXT']) expect(isTextSubtitleCodec(c)).toBe(true);
    for (const c of ['dvd_subtitle', 'hdmv_pgs_subtitle', 'dvb_subtitle', 'xsub', 'unknown']) expect(isTextSubtitleCodec(c)).toBe(false);
  });
});
