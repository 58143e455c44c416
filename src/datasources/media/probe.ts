// ffprobe's JSON (`-print_format json -show_format -show_streams`) turned into our own MediaProbe.
// Pure; the rest of the service never sees ffprobe's field names.
import { parseTimestamp } from './args.js';
import type { MediaProbe, VideoInfo } from '../../domain/media.js';

/** The parts of ffprobe's output we read. Numbers arrive as strings or numbers depending on the field. */
export interface FfprobeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string | number;
  nb_read_packets?: string | number;
  duration?: string | number;
  sample_rate?: string | number;
  channels?: number;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number | string; [k: string]: unknown }>;
}

export interface FfprobeFormat {
  format_name?: string;
  duration?: string | number;
  size?: string | number;
  bit_rate?: string | number;
  tags?: Record<string, string>;
}

export interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: FfprobeFormat;
}

/** avg vs nominal frame rate differing by more than this share means variable frame rate. */
export const VFR_TOLERANCE = 0.05;

// Demuxers that report a "video" stream for things that are not video: still images (image2,
// *_pipe) and text art (tty makes a 640×400 "video" of any .txt file).
const STILL_OR_TEXT_FORMATS = new Set(['image2', 'tty', 'bin', 'xbin', 'adf', 'idf']);

const COMMON_RATIOS: Array<[number, number]> = [
  [1, 1],
  [4, 5],
  [5, 4],
  [9, 16],
  [16, 9],
  [3, 4],
  [4, 3],
  [2, 3],
  [3, 2],
  [1, 2],
  [2, 1],
  [21, 9],
  [9, 21],
];

export function normalizeProbe(raw: FfprobeOutput): MediaProbe {
  const streams = raw.streams ?? [];
  const format = raw.format ?? {};
  const formatName = format.format_name ?? 'unknown';
  const videoStream = isStillOrText(formatName) ? undefined : streams.find(isMotionVideo);
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  const audio = audioStream
    ? {
        codec: audioStream.codec_name ?? 'unknown',
        sampleRate: positive(audioStream.sample_rate),
        channels: positive(audioStream.channels),
      }
    : null;
  const durationSeconds = positive(format.duration) ?? streamDuration(streams);
  return {
    container: containerName(formatName, format, streams),
    formatName,
    durationSeconds,
    sizeBytes: positive(format.size),
    bitRate: positive(format.bit_rate),
    video: videoStream ? videoInfo(videoStream, durationSeconds) : null,
    audio,
    hasAudio: audio !== null,
    subtitles: streams
      .filter((s) => s.codec_type === 'subtitle')
      .map((s) => ({ codec: s.codec_name ?? 'unknown', language: language(s.tags) })),
  };
}

function isStillOrText(formatName: string): boolean {
  return formatName.split(',').some((f) => STILL_OR_TEXT_FORMATS.has(f) || f.endsWith('_pipe'));
}

function isMotionVideo(s: FfprobeStream): boolean {
  // Cover art in an .m4a/.mp3 is a video stream flagged attached_pic.
  return s.codec_type === 'video' && !s.disposition?.attached_pic && (s.width ?? 0) > 0 && (s.height ?? 0) > 0;
}

function videoInfo(s: FfprobeStream, formatDuration: number | null): VideoInfo {
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  const rotation = rotationOf(s);
  const sar = ratio(s.sample_aspect_ratio);
  let displayWidth = sar && sar > 0 ? Math.round(width * sar) : width;
  let displayHeight = height;
  if (rotation === 90 || rotation === 270) [displayWidth, displayHeight] = [displayHeight, displayWidth];

  const nominal = ratio(s.r_frame_rate);
  let average = ratio(s.avg_frame_rate);
  // With -count_packets the measured rate wins: Matroska headers repeat the nominal rate as average.
  const packets = positive(s.nb_read_packets);
  const seconds = positive(s.duration) ?? formatDuration;
  if (packets && seconds) average = packets / seconds;
  const frameRate = average ?? nominal;
  const variableFrameRate = !!(nominal && average && Math.abs(nominal - average) / Math.max(nominal, average) > VFR_TOLERANCE);

  return {
    codec: s.codec_name ?? 'unknown',
    width,
    height,
    displayWidth,
    displayHeight,
    rotation,
    displayAspectRatio: aspectLabel(displayWidth, displayHeight),
    aspectRatio: displayHeight > 0 ? displayWidth / displayHeight : 0,
    frameRate: frameRate === null ? null : Math.round(frameRate * 1000) / 1000,
    variableFrameRate,
    pixelFormat: s.pix_fmt ?? null,
  };
}

/**
 * ffprobe ≥ 5 reports a display matrix whose `rotation` is counter-clockwise (phones shooting
 * portrait write -90); older ffprobe exposed the clockwise `rotate` tag (90). Both mean "turn 90°
 * clockwise to show". Rounded to quarter turns, the only ones players apply.
 */
export function rotationOf(s: FfprobeStream): number {
  const matrix = s.side_data_list?.find((d) => d.side_data_type === 'Display Matrix' && num(d.rotation) !== null);
  const clockwise = matrix ? -num(matrix.rotation)! : (num(s.tags?.rotate) ?? 0);
  const quarter = Math.round(clockwise / 90) * 90;
  return ((quarter % 360) + 360) % 360;
}

export function aspectLabel(width: number, height: number): string {
  if (!(width > 0 && height > 0)) return 'unknown';
  const r = width / height;
  const near = COMMON_RATIOS.find(([w, h]) => Math.abs(r - w / h) / (w / h) <= 0.01);
  if (near) return `${near[0]}:${near[1]}`;
  const g = gcd(width, height);
  return `${width / g}:${height / g}`;
}

function containerName(formatName: string, format: FfprobeFormat, streams: FfprobeStream[]): string {
  const first = formatName.split(',')[0] ?? formatName;
  if (first === 'mov') return (format.tags?.major_brand ?? '').startsWith('qt') ? 'mov' : 'mp4';
  if (first === 'matroska') {
    // One demuxer serves both; WebM only allows these codecs.
    const webm = new Set(['vp8', 'vp9', 'av1', 'opus', 'vorbis', 'webvtt']);
    return streams.every((s) => s.codec_type === 'attachment' || webm.has(s.codec_name ?? '')) ? 'webm' : 'matroska';
  }
  return first;
}

function streamDuration(streams: FfprobeStream[]): number | null {
  const values = streams
    // Matroska keeps per-stream durations in a DURATION tag ("00:00:02.933000000").
    .map((s) => positive(s.duration) ?? parseTimestamp(s.tags?.DURATION ?? s.tags?.duration ?? ''))
    .filter((v): v is number => v !== null && v > 0);
  return values.length ? Math.max(...values) : null;
}

function language(tags: Record<string, string> | undefined): string | null {
  const l = tags?.language?.trim();
  return l && l !== 'und' ? l : null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.trim() === '' || v === 'N/A') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function positive(v: unknown): number | null {
  const n = num(v);
  return n !== null && n > 0 ? n : null;
}

/** "30000/1001" or "16:9" to a number; null for 0/0 and the like. */
function ratio(v: string | undefined): number | null {
  const m = /^(\d+(?:\.\d+)?)[/:](\d+(?:\.\d+)?)$/.exec(v ?? '');
  if (!m) return null;
  const d = Number(m[2]);
  const n = Number(m[1]);
  return d > 0 && n > 0 ? n / d : null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
