// The one PCM WAV reader (the analysis WAV's duration, pocketsphinx's input check, OpenAI's chunking,
// the test servers) and cutter, without ffmpeg: enough RIFF to find the format and the sample data, a plan
// of cut points (at silences when known), and the 44-byte canonical header for each piece.
import { AppError, ErrorCode } from '../../errors.js';

export interface WavInfo {
  /** 1 = integer PCM (WAVE_FORMAT_EXTENSIBLE with a PCM sub-format is reported as 1 too). */
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes per sample frame (all channels). */
  blockAlign: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
  dataBytes: number;
  frames: number;
  durationSeconds: number;
}

export const WAV_HEADER_BYTES = 44;
const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Reads the RIFF chunks up to `data`. `head` must hold the file's first bytes through the data
 * chunk's header (64 KiB is plenty: ffmpeg adds a LIST chunk, so data is not always at byte 44).
 * `fileSize` bounds a data size that is unset (0 or 0xFFFFFFFF when written to a pipe) or too big.
 * Throws UNSUPPORTED_MEDIA when this is not integer PCM WAV.
 */
export function parseWavHeader(head: Buffer, fileSize = head.length): WavInfo {
  const bad = (reason: string) => new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'Audio is not PCM WAV', { details: { reason } });
  if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') throw bad('not_riff_wave');
  let pos = 12;
  let fmt: Pick<WavInfo, 'format' | 'channels' | 'sampleRate' | 'bitsPerSample' | 'blockAlign'> | null = null;
  while (pos + 8 <= head.length) {
    const id = head.toString('latin1', pos, pos + 4);
    const size = head.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (body + 16 > head.length) throw bad('short_fmt');
      let format = head.readUInt16LE(body);
      if (format === WAVE_FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= head.length) format = head.readUInt16LE(body + 24);
      fmt = {
        format,
        channels: head.readUInt16LE(body + 2),
        sampleRate: head.readUInt32LE(body + 4),
        blockAlign: head.readUInt16LE(body + 12),
        bitsPerSample: head.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw bad('data_before_fmt');
      if (fmt.format !== WAVE_FORMAT_PCM) throw bad('not_pcm');
      if (!fmt.channels || !fmt.sampleRate || !fmt.blockAlign) throw bad('bad_fmt');
      const available = Math.max(0, fileSize - body);
      const declared = size === 0 || size === 0xffffffff ? available : Math.min(size, available);
      const frames = Math.floor(declared / fmt.blockAlign);
      return { ...fmt, dataOffset: body, dataBytes: frames * fmt.blockAlign, frames, durationSeconds: frames / fmt.sampleRate };
    }
    pos = body + size + (size % 2); // chunks are word-aligned
  }
  throw bad('no_data_chunk');
}

/** The canonical 44-byte header for `dataBytes` of integer PCM. */
export function wavHeader(f: Pick<WavInfo, 'channels' | 'sampleRate' | 'bitsPerSample'>, dataBytes: number): Buffer {
  const blockAlign = f.channels * Math.ceil(f.bitsPerSample / 8);
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  h.writeUInt16LE(f.channels, 22);
  h.writeUInt32LE(f.sampleRate, 24);
  h.writeUInt32LE(f.sampleRate * blockAlign, 28);
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(f.bitsPerSample, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** A piece of the audio, in sample frames: [startFrame, endFrame). */
export interface WavChunk {
  startFrame: number;
  endFrame: number;
}

export interface ChunkPlanInput {
  frames: number;
  sampleRate: number;
  blockAlign: number;
  /** Each piece, header included, stays at or under this. */
  maxChunkBytes: number;
  /** Silent stretches, seconds; a cut goes in the middle of the latest one that fits. */
  silences?: ReadonlyArray<{ start: number; end: number }>;
  /**
   * A silence is only used when the piece before it is at least this share of the maximum, so a
   * pause near the start does not make many tiny pieces. (Default: 0.5)
   */
  minChunkShare?: number;
}

/** Cut points for audio too big for one upload: at silences when there are any, else at the size limit. */
export function planWavChunks(input: ChunkPlanInput): WavChunk[] {
  const maxFrames = Math.floor((input.maxChunkBytes - WAV_HEADER_BYTES) / input.blockAlign);
  if (maxFrames < 1) throw new RangeError('maxChunkBytes leaves no room for samples');
  const minFrames = Math.floor(maxFrames * (input.minChunkShare ?? 0.5));
  const cuts = (input.silences ?? [])
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end >= s.start)
    .map((s) => Math.round(((s.start + s.end) / 2) * input.sampleRate))
    .sort((a, b) => a - b);
  const chunks: WavChunk[] = [];
  let start = 0;
  while (start < input.frames) {
    const limit = start + maxFrames;
    if (limit >= input.frames) {
      chunks.push({ startFrame: start, endFrame: input.frames });
      break;
    }
    let end = limit;
    for (const c of cuts) {
      if (c > limit) break;
      if (c >= start + minFrames) end = c;
    }
    chunks.push({ startFrame: start, endFrame: end });
    start = end;
  }
  return chunks;
}
