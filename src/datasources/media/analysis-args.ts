// The one-pass media analysis command line, as plain data (pure: see ./analysis-run.ts for the run
// and ./analysis.ts for reading its log).
import type { ThumbnailKind, Unmeasured } from '../../domain/media.js';
import { formatWhitelist, inputSource, protocolWhitelist } from './args.js';

/** Filters the later one-pass analysis relies on; `select` is the fallback for builds without scdet. */
export const ANALYSIS_FILTERS = ['scdet', 'ebur128', 'silencedetect', 'blackdetect', 'freezedetect', 'select'] as const;
export type AnalysisFilter = (typeof ANALYSIS_FILTERS)[number];

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
  /**
   * Decoder threads (`-threads` on the input); absent: ffmpeg's own choice (about one per core, with
   * frame threading). One thread decodes the same frames for ~10 % less CPU, which wins when other
   * runs keep the cores busy anyway (see runAnalysis). (Default: absent)
   */
  decodeThreads?: number;
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
  if (!Number.isInteger(maxShots) || maxShots < 0 || maxShots > 999) {
    throw new RangeError(`maxShotThumbnails must be 0–999, got ${maxShots}`);
  }
  const sampleRate = opts.sampleRate ?? 16000;
  if (!Number.isInteger(sampleRate) || sampleRate < 1000) throw new RangeError(`sampleRate must be an integer ≥ 1000, got ${sampleRate}`);
  const fpsMode = opts.fpsMode ?? true;
  const threads = opts.decodeThreads;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1))
    throw new RangeError(`decodeThreads must be an integer ≥ 1, got ${threads}`);
  const join = (name: string) => `${outDir.replace(/[/\\]+$/, '')}/${name}`;

  const graph: string[] = [];
  const unmeasured: Unmeasured[] = [];
  const nullMaps: string[] = [];
  const outputs: AnalyzeInvocation['outputs'] = { audio: null, shots: null, thumbs: null };
  const outputArgs: string[] = [];
  const missing = (fact: Unmeasured['fact'], filter: string) =>
    unmeasured.push({ fact, reason: `this ffmpeg build has no ${filter} filter` });

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
    for (const fact of ['shots', 'black_segments', 'frozen_segments', 'thumbnails'] as const) {
      unmeasured.push({ fact, reason: 'the file has no video stream' });
    }
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
    if (f.blackdetect) {
      detectors.push(`blackdetect=d=${num(d.blackMinSeconds)}:pix_th=${num(d.blackPixelThreshold)}:pic_th=${num(d.blackPictureRatio)}`);
    } else missing('black_segments', 'blackdetect');
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
        `[vt]select=${expr},scale=w=min(${thumbSize}\\,iw):h=min(${thumbSize}\\,ih):force_original_aspect_ratio=decrease,` +
          `${SHOWINFO_THUMBS},format=yuvj420p[thumbs]`,
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
    '-loglevel',
    'info',
    '-progress',
    'pipe:1',
    '-y',
    ...(fpsMode ? [] : ['-vsync', '0']),
    '-protocol_whitelist',
    protocolWhitelist(input),
    ...formatWhitelist(),
    ...(threads !== undefined ? ['-threads', String(threads)] : []),
    '-i',
    inputSource(input),
    '-filter_complex',
    graph.join(';'),
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
