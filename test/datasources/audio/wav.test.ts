// Cutting PCM WAV without ffmpeg: header parsing (with ffmpeg's LIST chunk), cut plans, headers.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { parseWavHeader, planWavChunks, wavHeader, WAV_HEADER_BYTES } from '../../../src/datasources/audio/wav.js';
import { makeWav } from '../../helpers/ai-server.js';

const RATE = 16_000;

describe('parseWavHeader', () => {
  it('reads a canonical 16 kHz mono header', () => {
    const wav = makeWav([{ seconds: 2, tone: true }]);
    expect(parseWavHeader(wav)).toMatchObject({ format: 1, channels: 1, sampleRate: RATE, bitsPerSample: 16, blockAlign: 2, dataOffset: 44, frames: 32_000, durationSeconds: 2 });
  });

  it('skips chunks before data (ffmpeg writes LIST/INFO) and bounds the size by the file', () => {
    const canonical = makeWav([{ seconds: 1, tone: false }]);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.alloc(4), Buffer.from('INFOISFT')]);
    list.writeUInt32LE(list.length - 8 + 1, 4); // odd size (9): one more body byte, then a pad byte
    const withList = Buffer.concat([canonical.subarray(0, 36), list, Buffer.alloc(2), canonical.subarray(36)]);
    const info = parseWavHeader(withList.subarray(0, 200), withList.length);
    expect(info.dataOffset).toBe(36 + list.length + 2 + 8);
    expect(info.frames).toBe(RATE);
    // A streamed WAV carries 0xFFFFFFFF as its data size.
    const streamed = Buffer.from(canonical);
    streamed.writeUInt32LE(0xffffffff, 40);
    expect(parseWavHeader(streamed).frames).toBe(RATE);
  });

  it('rejects what is not integer PCM WAV with UNSUPPORTED_MEDIA', () => {
    expect(() => parseWavHeader(Buffer.from('ID3\u0003 not a wav at all'))).toThrow(expect.objectContaining({ code: ErrorCode.UNSUPPORTED_MEDIA }));
    const float = makeWav([{ seconds: 0.1, tone: true }]);
    float.writeUInt16LE(3, 20);
    expect(() => parseWavHeader(float)).toThrow(expect.objectContaining({ details: { reason: 'not_pcm' } }));
  });
});

describe('wavHeader', () => {
  it('writes a header that reads back', () => {
    const h = wavHeader({ channels: 1, sampleRate: RATE, bitsPerSample: 16 }, 3200);
    expect(h).toHaveLength(WAV_HEADER_BYTES);
    expect(parseWavHeader(Buffer.concat([h, Buffer.alloc(3200)]))).toMatchObject({ dataBytes: 3200, frames: 1600, durationSeconds: 0.1 });
    expect(h.equals(makeWav([{ seconds: 0.1, tone: false }]).subarray(0, 44))).toBe(true);
  });
});

describe('planWavChunks', () => {
  const base = { sampleRate: RATE, blockAlign: 2 };
  const covers = (chunks: { startFrame: number; endFrame: number }[], frames: number) => {
    expect(chunks[0]!.startFrame).toBe(0);
    expect(chunks.at(-1)!.endFrame).toBe(frames);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.startFrame).toBe(chunks[i - 1]!.endFrame);
  };

  it('is one piece when it fits', () => {
    expect(planWavChunks({ ...base, frames: 1000, maxChunkBytes: 44 + 2000 })).toEqual([{ startFrame: 0, endFrame: 1000 }]);
  });

  it('cuts at fixed length without silences, every piece within the limit', () => {
    const max = 44 + 2 * RATE * 5; // 5 s per piece
    const chunks = planWavChunks({ ...base, frames: RATE * 12, maxChunkBytes: max });
    expect(chunks.map((c) => (c.endFrame - c.startFrame) / RATE)).toEqual([5, 5, 2]);
    covers(chunks, RATE * 12);
  });

  it('cuts in the middle of the latest silence that fits, ignoring ones too early', () => {
    const max = 44 + 2 * RATE * 5;
    const silences = [{ start: 0.5, end: 0.7 }, { start: 3.0, end: 3.4 }, { start: 4.0, end: 4.2 }, { start: 7.9, end: 8.1 }];
    const chunks = planWavChunks({ ...base, frames: RATE * 12, maxChunkBytes: max, silences });
    expect(chunks.map((c) => c.startFrame / RATE)).toEqual([0, 4.1, 8]);
    covers(chunks, RATE * 12);
    for (const c of chunks) expect(44 + (c.endFrame - c.startFrame) * 2).toBeLessThanOrEqual(max);
  });
});
