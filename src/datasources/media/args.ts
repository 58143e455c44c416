// ffmpeg/ffprobe command lines as plain data, and parsers for what the tools print. Pure: nothing here
// runs a process, so every argument decision is unit-tested without ffmpeg (see ./ffmpeg.ts for that).
import type { ThumbnailKind, Unmeasured } from '../../domain/media.js';

/** One ffmpeg run: global and input options go before `-i`, output options before the target. */
export interface FfmpegInvocation {
  inputOptions: string[];
  input: string;
  outputOptions: string[];
  output: string;
}

/** The argv ffmpeg receives for an invocation (fluent-ffmpeg adds `-y` for file outputs itself). */
export function toArgv(inv: FfmpegInvocation): string[] {
  return [...inv.inputOptions, '-i', inv.input, ...inv.outputOptions, inv.output];
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export function isUrl(input: string): boolean {
  return URL_SCHEME.test(input);
}

/** A local path that starts with `-` would be read as an option; `file:` makes it a path again. */
export function inputSource(input: string): string {
  return !isUrl(input) && input.startsWith('-') ? `file:${input}` : input;
}

/**
 * Uploads are untrusted: a playlist disguised as a video can make ffmpeg open other URLs or local
 * files, so a local input may only read files and a remote one only HTTP(S).
 */
export function protocolWhitelist(input: string): string {
  return isUrl(input) ? 'http,https,tcp,tls' : 'file';
}

/**
 * The demuxers an upload may be opened with: the containers behind UPLOAD_CONTENT_TYPES (MP4 and
 * QuickTime, Matroska and WebM, AVI, MPEG program and transport streams). ffmpeg matches any name of
 * a demuxer's list ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"). Everything else is refused before
 * it reads a byte more than its probe: playlists (hls, dash), concat scripts, image sequences
 * (image2, *_pipe), which would otherwise open other files: an HLS playlist's segment is a file, so
 * `-protocol_whitelist file` alone lets it read another user's upload (issue 15).
 */
export const UPLOAD_FORMATS = ['mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'matroska', 'webm', 'avi', 'mpeg', 'mpegts'] as const;

/** `-format_whitelist` for user input (an input option: it must come before `-i`). */
export function formatWhitelist(formats: readonly string[] = UPLOAD_FORMATS): string[] {
  return ['-format_whitelist', formats.join(',')];
}

/** ffmpeg/ffprobe refused the input's demuxer because it is not on the whitelist. */
export function isFormatRefusal(stderr: string): boolean {
  return /Format not on whitelist/i.test(stderr);
}

export interface ProbeArgsOptions {
  /** Demuxers allowed to open the input. (Default: UPLOAD_FORMATS; our own outputs pass e.g. ['wav']) */
  formats?: readonly string[];
  /**
   * Count packets (`-count_packets`): reads the whole file without decoding, so VFR can be told from
   * Matroska/WebM, whose headers carry only nominal rates. (Default: false)
   */
  countPackets?: boolean;
}

export function probeArgs(input: string, opts: ProbeArgsOptions = {}): string[] {
  return [
    '-v', 'error',
    '-protocol_whitelist', protocolWhitelist(input),
    ...formatWhitelist(opts.formats),
    '-print_format', 'json',
    '-show_format',
    '-show_streams',
    ...(opts.countPackets ? ['-count_packets'] : []),
    inputSource(input),
  ];
}

export interface ExtractAudioArgsOptions {
  /** (Default: 16000, what speech recognisers expect) */
  sampleRate?: number;
  /** (Default: 1) */
  channels?: number;
  /** (Default: 'wav', 16-bit PCM) */
  format?: 'wav';
}

export function extractAudioArgs(input: string, output: string, opts: ExtractAudioArgsOptions = {}): FfmpegInvocation {
  const sampleRate = opts.sampleRate ?? 16000;
  const channels = opts.channels ?? 1;
  if (!Number.isInteger(sampleRate) || sampleRate < 1000) throw new RangeError(`sampleRate must be an integer ≥ 1000, got ${sampleRate}`);
  if (!Number.isInteger(channels) || channels < 1 || channels > 8) throw new RangeError(`channels must be 1–8, got ${channels}`);
  return {
    inputOptions: [
      '-hide_banner',
      '-nostdin',
      // Machine-readable progress on stdout; stderr keeps only log lines (no stats line).
      '-progress', 'pipe:1',
      '-nostats',
      '-protocol_whitelist', protocolWhitelist(input),
      ...formatWhitelist(),
    ],
    input: inputSource(input),
    outputOptions: [
      '-map', '0:a:0',
      '-map_metadata', '-1',
      '-ac', String(channels),
      '-ar', String(sampleRate),
      '-c:a', 'pcm_s16le',
      '-f', opts.format ?? 'wav',
    ],
    output,
  };
}

/** Text formats subtitle streams are converted to; both parse with src/analysis/captions.ts. */
export type SubtitleFormat = 'webvtt' | 'srt';

// ffmpeg decodes every text subtitle codec to ASS events internally, so any of these converts to
// WebVTT or SubRip; bitmap ones (dvd_subtitle, hdmv_pgs_subtitle, dvb_subtitle, xsub) cannot
// ("Subtitle encoding currently only possible from text to text or bitmap to bitmap").
const TEXT_SUBTITLE_CODECS = new Set([
  'mov_text', 'subrip', 'srt', 'webvtt', 'ass', 'ssa', 'text', 'microdvd', 'subviewer', 'subviewer1', 'sami',
  'realtext', 'jacosub', 'mpl2', 'pjs', 'stl', 'vplayer', 'eia_608',
]);

/** Whether ffmpeg can turn a subtitle stream with this codec (ffprobe's codec_name) into text. */
export function isTextSubtitleCodec(codec: string): boolean {
  return TEXT_SUBTITLE_CODECS.has(codec.toLowerCase());
}

/** The `error` of a caption track left unread because of MEDIA_MAX_SUBTITLE_STREAMS (the result's `unmeasured` names them). */
export const SUBTITLE_LIMIT_ERROR = 'not read: the file has more text subtitle streams than are read';

export interface ExtractSubtitlesArgsOptions {
  /** (Default: 'webvtt') */
  format?: SubtitleFormat;
}

/**
 * Converts the streamIndex-th subtitle stream (`0:s:N`, counting subtitle streams only, in the
 * order ffprobe lists them) to WebVTT or SubRip text. Demuxes only: nothing else is decoded.
 */
export function extractSubtitlesArgs(input: string, streamIndex: number, output: string, opts: ExtractSubtitlesArgsOptions = {}): string[] {
  return extractSubtitleStreamsArgs(input, [{ streamIndex, output }], opts);
}

/**
 * Several subtitle streams in one run: one demux of the input, one output per stream (`-map 0:s:N`
 * … file), so N streams cost one read of the file instead of N.
 */
export function extractSubtitleStreamsArgs(input: string, targets: ReadonlyArray<{ streamIndex: number; output: string }>, opts: ExtractSubtitlesArgsOptions = {}): string[] {
  if (!targets.length) throw new RangeError('extractSubtitleStreamsArgs: no streams');
  const format = opts.format ?? 'webvtt';
  if (format !== 'webvtt' && format !== 'srt') throw new RangeError(`format must be webvtt or srt, got ${String(format)}`);
  const outputs: string[] = [];
  for (const { streamIndex, output } of targets) {
    if (!Number.isInteger(streamIndex) || streamIndex < 0) throw new RangeError(`streamIndex must be an integer ≥ 0, got ${streamIndex}`);
    outputs.push(
      '-map', `0:s:${streamIndex}`,
      '-map_metadata', '-1',
      '-c:s', format,
      '-f', format,
      // An output path starting with "-" would read as an option too.
      !isUrl(output) && output.startsWith('-') ? `file:${output}` : output,
    );
  }
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel', 'error',
    '-y',
    '-protocol_whitelist', protocolWhitelist(input),
    ...formatWhitelist(),
    '-i', inputSource(input),
    ...outputs,
  ];
}

export interface ProgressUpdate {
  /** Media time written so far; null while ffmpeg reports N/A. */
  outTimeSeconds: number | null;
  /** True for the last block (`progress=end`). */
  done: boolean;
}

/**
 * Parses ffmpeg `-progress` output: blocks of key=value lines, each closed by `progress=continue|end`.
 * Chunks from a pipe split anywhere, so the unfinished tail comes back as `rest` to prepend to the
 * next chunk.
 */
export function parseProgress(buffer: string): { updates: ProgressUpdate[]; rest: string } {
  const updates: ProgressUpdate[] = [];
  let block: Record<string, string> = {};
  let consumed = 0;
  let pos = 0;
  for (;;) {
    const nl = buffer.indexOf('\n', pos);
    if (nl < 0) break;
    const line = buffer.slice(pos, nl).trim();
    pos = nl + 1;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    block[key] = value;
    if (key === 'progress') {
      updates.push({ outTimeSeconds: blockOutTime(block), done: value === 'end' });
      block = {};
      consumed = pos;
    }
  }
  return { updates, rest: buffer.slice(consumed) };
}

function blockOutTime(block: Record<string, string>): number | null {
  // out_time_us is exact; out_time_ms is also microseconds (an old ffmpeg misnomer). Before the first
  // packet ffmpeg prints N/A or a large negative time.
  const us = block.out_time_us ?? block.out_time_ms;
  if (us !== undefined && /^-?\d+$/.test(us)) return Number(us) >= 0 ? Number(us) / 1e6 : null;
  const t = block.out_time === undefined ? null : parseTimestamp(block.out_time);
  return t === null || t < 0 ? null : t;
}

/** `HH:MM:SS.frac` (as in `Duration:` lines and `out_time`) to seconds; null for N/A or junk. */
export function parseTimestamp(text: string): number | null {
  const m = /^(-)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text.trim());
  if (!m) return null;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -s : s;
}

/** Filters the later one-pass analysis relies on; `select` is the fallback for builds without scdet. */
export const ANALYSIS_FILTERS = ['scdet', 'ebur128', 'silencedetect', 'blackdetect', 'freezedetect', 'select'] as const;
export type AnalysisFilter = (typeof ANALYSIS_FILTERS)[number];

/**
 * Filter names from `ffmpeg -filters` stdout. Lines look like ` T.C scdet  V->V  Detect…`; the I/O
 * column may be N (dynamic) as in `ebur128 A->N`, which fluent-ffmpeg's own parser drops.
 */
export function parseFilterList(stdout: string): Set<string> {
  const names = new Set<string>();
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s*[A-Z.]{3}\s+(\S+)\s+[AVN|]+->[AVN|]+\s/.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

/** The version from the banner's first line (`ffmpeg version 5.1.9-0+deb12u1 Copyright…`). */
export function parseVersion(banner: string): string | null {
  return /(?:ffmpeg|ffprobe) version (\S+)/.exec(banner)?.[1] ?? null;
}

/**
 * ffmpeg exits 0 on an MP4 cut short after its index: the demuxer logs "partial file" and the
 * output simply ends early, so this line is the only sign of a truncated upload.
 */
export function isTruncationMessage(stderrLine: string): boolean {
  return /offset 0x[0-9a-f]+: partial file/i.test(stderrLine);
}

/**
 * Why ffmpeg/ffprobe could not open an input, from its stderr: the file is gone ('missing'), the
 * store did not serve it ('unreachable': worth a retry), or null when the bytes themselves are the
 * problem.
 */
export function classifyInputFailure(stderr: string): 'missing' | 'unreachable' | null {
  if (/No such file or directory|Server returned 404/i.test(stderr)) return 'missing';
  // ffmpeg prints every 5xx as "5XX Server Error reply". 401/403 included: an expired presigned URL
  // works again once the stage re-signs it.
  if (/Connection refused|Connection reset|timed out|Network is unreachable|Server returned (?:5XX|401|403)|Input\/output error/i.test(stderr)) {
    return 'unreachable';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The one-pass media analysis: a single ffmpeg process reads and decodes the input once and feeds
// every measurement from the same decoded frames (filter_complex with split/asplit):
//
//   [0:a:0] ─ asplit ─┬─ aresample 16 kHz mono s16 ───────────────────────────→ audio-16k.wav
//                     └─ ebur128 (framelog) ─ silencedetect ──────────────────→ null output
//   [0:v:0] ─ split ──┬─ scale to ≤ 320 px (fast_bilinear) ─ split ─┬─ first frame + scdet's cut
//                     │                                             │    frames ─ cap ─→ shot-NNN.jpg
//                     │                                             └─ blackdetect ─ freezedetect ─→ null output
//                     └─ select (first frame, 3 s, 5 s, poster) ─ scale ≤ 640 px ─ showinfo ─→ thumb-NN.jpg
//
// Detectors report through the log (stderr, parsed by ./analysis.ts); `-progress pipe:1` reports
// progress. Detection runs on the small copy: cuts, black and frozen frames do not need full
// resolution, and the per-pixel filters then cost almost nothing next to the decode. Thumbnails are
// picked before scaling, so only the few selected frames are scaled up from the source.

/** How the detectors are tuned. Defaults suit short ads; see DEFAULT_DETECTION. */
export interface DetectionSettings {
  /** scdet threshold on its 0–100 scale; the `select` fallback uses the same value / 100. */
  sceneThreshold: number;
  /** Below this level (dBFS) audio counts as silence. */
  silenceNoiseDb: number;
  /** Shorter quiet stretches are not reported. */
  silenceMinSeconds: number;
  /** Shorter black stretches are not reported. */
  blackMinSeconds: number;
  /** blackdetect pix_th: a pixel is black below this share of the luma range. */
  blackPixelThreshold: number;
  /** blackdetect pic_th: a picture is black when this share of its pixels is. */
  blackPictureRatio: number;
  /** freezedetect noise tolerance (dB). */
  freezeNoiseDb: number;
  /** Shorter still stretches are not reported. */
  freezeMinSeconds: number;
}

export const DEFAULT_DETECTION: Readonly<DetectionSettings> = {
  // scdet's own default; its documentation suggests 8–14. Our generated hard cuts score 20–40.
  sceneThreshold: 10,
  // −50 dBFS is well under speech and music yet above encoder noise in "silent" AAC tracks.
  silenceNoiseDb: -50,
  silenceMinSeconds: 0.5,
  // ffmpeg's defaults are 2 s for black and still frames; a 15 s ad is hurt by far shorter ones.
  blackMinSeconds: 0.5,
  blackPixelThreshold: 0.1,
  blackPictureRatio: 0.98,
  freezeNoiseDb: -60,
  freezeMinSeconds: 1,
};

/** A frame the thumbnail branch selects: the first frame at or after `atSeconds`. */
export interface ThumbnailTarget {
  kind: Exclude<ThumbnailKind, 'SHOT'>;
  atSeconds: number;
}

export interface AnalyzeArgsOptions {
  /** Which streams the input has (from the probe): a branch for a missing stream would fail the run. */
  streams: { video: boolean; audio: boolean };
  /** The analysis filters this ffmpeg build has (MediaTools.capabilities). */
  filters: Readonly<Record<AnalysisFilter, boolean>>;
  /** The build takes per-output `-fps_mode` (ffmpeg ≥ 5.1); else the older global `-vsync 0`. (Default: true) */
  fpsMode?: boolean;
  /** Input duration: places the poster frame at its middle; targets past the end are dropped. */
  durationSeconds?: number | null;
  detection?: Partial<DetectionSettings>;
  /** Bounding box (px) of the analysis copy. (Default: 320) */
  analysisSize?: number;
  /** Bounding box (px) of the thumbnails at fixed times. (Default: 640) */
  thumbnailSize?: number;
  /** Shot thumbnails kept (the first shots', the opening shot included); 0 for none. (Default: 30) */
  maxShotThumbnails?: number;
  /** Sample rate of the audio written for transcription. (Default: 16000) */
  sampleRate?: number;
}

export interface AnalyzeInvocation {
  argv: string[];
  /** What the run writes into outDir (null when it writes no such thing). */
  outputs: {
    audio: string | null;
    /** image2 pattern, numbered from 1: the first frame, then one per cut. */
    shots: string | null;
    /** image2 pattern, numbered from 1 in order of the selected frames. */
    thumbs: string | null;
  };
  thumbnailTargets: ThumbnailTarget[];
  /** How cuts are found: scdet, its `select` + showinfo equivalent, or not at all. */
  sceneDetector: 'scdet' | 'select' | null;
  unmeasured: Unmeasured[];
  detection: DetectionSettings;
}

/** Log names of the showinfo instances whose lines ./analysis.ts reads. */
export const SHOWINFO_CUTS = 'showinfo@cuts';
export const SHOWINFO_THUMBS = 'showinfo@thumbs';

/** Fixed-time thumbnails: the first frame and ABCD's first seconds (hook at 3 s, brand by 5 s). */
const FIXED_THUMBNAILS: ThumbnailTarget[] = [
  { kind: 'AT_0S', atSeconds: 0 },
  { kind: 'AT_3S', atSeconds: 3 },
  { kind: 'AT_5S', atSeconds: 5 },
];

export function thumbnailTargets(durationSeconds: number | null | undefined): ThumbnailTarget[] {
  const d = durationSeconds && durationSeconds > 0 ? durationSeconds : null;
  const targets = FIXED_THUMBNAILS.filter((t) => t.atSeconds === 0 || d === null || t.atSeconds < d);
  // The poster is the middle frame (a common player default); without a duration, the first one.
  targets.push({ kind: 'POSTER', atSeconds: d === null ? 0 : round3(d / 2) });
  return targets;
}

/**
 * One ffmpeg invocation measuring everything (see the diagram above). Files go to outDir:
 * audio-16k.wav, shot-NNN.jpg, thumb-NN.jpg.
 */
export function analyzeArgs(input: string, outDir: string, opts: AnalyzeArgsOptions): AnalyzeInvocation {
  const d: DetectionSettings = { ...DEFAULT_DETECTION, ...opts.detection };
  const f = opts.filters;
  const analysisSize = positiveInt(opts.analysisSize ?? 320, 'analysisSize');
  const thumbSize = positiveInt(opts.thumbnailSize ?? 640, 'thumbnailSize');
  const maxShots = opts.maxShotThumbnails ?? 30;
  if (!Number.isInteger(maxShots) || maxShots < 0 || maxShots > 999) throw new RangeError(`maxShotThumbnails must be 0–999, got ${maxShots}`);
  const sampleRate = opts.sampleRate ?? 16000;
  if (!Number.isInteger(sampleRate) || sampleRate < 1000) throw new RangeError(`sampleRate must be an integer ≥ 1000, got ${sampleRate}`);
  const fpsMode = opts.fpsMode ?? true;
  const join = (name: string) => `${outDir.replace(/[/\\]+$/, '')}/${name}`;

  const graph: string[] = [];
  const unmeasured: Unmeasured[] = [];
  const nullMaps: string[] = [];
  const outputs: AnalyzeInvocation['outputs'] = { audio: null, shots: null, thumbs: null };
  const outputArgs: string[] = [];
  const missing = (fact: Unmeasured['fact'], filter: string) => unmeasured.push({ fact, reason: `this ffmpeg build has no ${filter} filter` });

  if (opts.streams.audio) {
    const meters: string[] = [];
    if (f.ebur128) meters.push('ebur128=peak=true:framelog=info');
    else missing('loudness', 'ebur128');
    if (f.silencedetect) meters.push(`silencedetect=n=${num(d.silenceNoiseDb)}dB:d=${num(d.silenceMinSeconds)}`);
    else missing('silences', 'silencedetect');
    const toWav = `aresample=${sampleRate},aformat=sample_fmts=s16:channel_layouts=mono[wav]`;
    if (meters.length) {
      graph.push('[0:a:0]asplit=2[aw][am]', `[aw]${toWav}`, `[am]${meters.join(',')}[anull]`);
      nullMaps.push('-map', '[anull]');
    } else {
      graph.push(`[0:a:0]${toWav}`);
    }
    outputs.audio = join('audio-16k.wav');
    outputArgs.push('-map', '[wav]', '-map_metadata', '-1', '-c:a', 'pcm_s16le', '-f', 'wav', outputs.audio);
  } else {
    unmeasured.push(
      { fact: 'audio', reason: 'the file has no audio stream' },
      { fact: 'loudness', reason: 'the file has no audio stream' },
      { fact: 'silences', reason: 'the file has no audio stream' },
    );
  }

  let sceneDetector: AnalyzeInvocation['sceneDetector'] = null;
  const targets = opts.streams.video ? thumbnailTargets(opts.durationSeconds) : [];
  if (!opts.streams.video) {
    for (const fact of ['shots', 'black_segments', 'frozen_segments', 'thumbnails'] as const) unmeasured.push({ fact, reason: 'the file has no video stream' });
  } else {
    const passthrough = fpsMode ? ['-fps_mode', 'passthrough'] : [];
    const small = `scale=w=min(${analysisSize}\\,iw):h=min(${analysisSize}\\,ih):force_original_aspect_ratio=decrease:flags=fast_bilinear`;
    // The first frame and the cut frames, one still per shot. scdet with s=1 passes only the frames
    // it flags, so the first frame goes in front through concat (interleave would hold it until the
    // first cut); select passes both itself. The first frame must come at once: ffmpeg writes no
    // progress until every output has had a frame.
    let cuts: string | null = null;
    if (f.scdet) {
      sceneDetector = 'scdet';
      cuts = `split=2[vc0][vc1];[vc0]trim=end_frame=1[first];[vc1]scdet=t=${num(d.sceneThreshold)}:s=1[cut];[first][cut]concat=n=2:v=1:a=0`;
    } else if (f.select) {
      sceneDetector = 'select';
      cuts = `select=eq(n\\,0)+gt(scene\\,${num(d.sceneThreshold / 100)}),${SHOWINFO_CUTS}`;
    } else {
      missing('shots', 'scdet or select');
    }
    const detectors: string[] = [];
    if (f.blackdetect) detectors.push(`blackdetect=d=${num(d.blackMinSeconds)}:pix_th=${num(d.blackPixelThreshold)}:pic_th=${num(d.blackPictureRatio)}`);
    else missing('black_segments', 'blackdetect');
    if (f.freezedetect) detectors.push(`freezedetect=n=${num(d.freezeNoiseDb)}dB:d=${num(d.freezeMinSeconds)}`);
    else missing('frozen_segments', 'freezedetect');

    // The detector chain always reaches the null output: it carries progress for files without audio.
    if (cuts) {
      graph.push(`[vs]${small},split=2[vc][vd]`);
      if (maxShots > 0) {
        graph.push(`[vc]${cuts},select=lt(selected_n\\,${maxShots}),format=yuvj420p[shots]`);
        outputs.shots = join('shot-%03d.jpg');
        outputArgs.push('-map', '[shots]', ...passthrough, '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2', outputs.shots);
      } else {
        graph.push(`[vc]${cuts},nullsink`);
      }
      graph.push(`[vd]${detectors.length ? detectors.join(',') : 'null'}[vnull]`);
    } else {
      graph.push(`[vs]${small}${detectors.length ? ',' + detectors.join(',') : ''}[vnull]`);
    }
    nullMaps.unshift('-map', '[vnull]');

    if (f.select) {
      const times = [...new Set(targets.map((t) => t.atSeconds).filter((t) => t > 0))].sort((a, b) => a - b);
      // The first frame, then the first frame at or after each time (prev_t is NaN on frame 0).
      const expr = ['eq(n\\,0)', ...times.map((t) => `gte(t\\,${num(t)})*lt(prev_t\\,${num(t)})`)].join('+');
      graph.unshift('[0:v:0]split=2[vs][vt]');
      graph.push(
        `[vt]select=${expr},scale=w=min(${thumbSize}\\,iw):h=min(${thumbSize}\\,ih):force_original_aspect_ratio=decrease,${SHOWINFO_THUMBS},format=yuvj420p[thumbs]`,
      );
      outputs.thumbs = join('thumb-%02d.jpg');
      outputArgs.push('-map', '[thumbs]', ...passthrough, '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', outputs.thumbs);
    } else {
      missing('thumbnails', 'select');
      graph.unshift('[0:v:0]null[vs]');
    }
  }

  if (!graph.length) throw new RangeError('analyzeArgs: the input has neither a video nor an audio stream');
  const argv = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    // Detectors report at info level; progress goes to stdout as key=value blocks.
    '-loglevel', 'info',
    '-progress', 'pipe:1',
    '-y',
    ...(fpsMode ? [] : ['-vsync', '0']),
    '-protocol_whitelist', protocolWhitelist(input),
    ...formatWhitelist(),
    '-i', inputSource(input),
    '-filter_complex', graph.join(';'),
    ...outputArgs,
    // The null muxer opens nothing, so '-' never touches stdout (where progress goes).
    ...(nullMaps.length ? [...nullMaps, '-f', 'null', '-'] : []),
  ];
  return { argv, outputs, thumbnailTargets: targets, sceneDetector, unmeasured, detection: d };
}

/** Whether this ffmpeg takes `-fps_mode`, from `ffmpeg -h long` (added in 5.1, replacing -vsync). */
export function hasFpsModeOption(helpText: string): boolean {
  return /^-fps_mode\b/m.test(helpText);
}

function positiveInt(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 16) throw new RangeError(`${name} must be an integer ≥ 16, got ${n}`);
  return n;
}

/** Plain decimal text for filter arguments (never exponent notation). */
function num(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return n.toFixed(6).replace(/\.?0+$/, '');
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
