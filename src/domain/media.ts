// Facts about a media file, in our own words: what ffprobe reports (MediaProbe) and what one ffmpeg
// decode pass measures (MediaAnalysis). The media datasource translates ffmpeg's output into these;
// analysis, the pipeline and the GraphQL mappers read them.

export interface VideoInfo {
  codec: string;
  /** Coded (stored) size. */
  width: number;
  height: number;
  /** Size as shown: sample aspect ratio applied, then swapped for a 90°/270° rotation. */
  displayWidth: number;
  displayHeight: number;
  /** Clockwise degrees a player turns the picture: 0, 90, 180 or 270. */
  rotation: number;
  /** Of the display size, e.g. "9:16"; snapped to a common ratio when within 1 %. */
  displayAspectRatio: string;
  /** displayWidth / displayHeight. */
  aspectRatio: number;
  /** Average frames per second (falls back to the nominal rate). */
  frameRate: number | null;
  variableFrameRate: boolean;
  pixelFormat: string | null;
}

export interface AudioInfo {
  codec: string;
  sampleRate: number | null;
  channels: number | null;
}

export interface SubtitleInfo {
  codec: string;
  /** ISO 639-2 tag as muxed (e.g. "eng"); null when absent or "und". */
  language: string | null;
}

export interface MediaProbe {
  /** Short container name: mp4, mov, webm, matroska, avi, mpegts, … */
  container: string;
  /** ffprobe's format_name as reported, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  formatName: string;
  durationSeconds: number | null;
  sizeBytes: number | null;
  bitRate: number | null;
  /** The first moving-picture stream; null for audio-only files, still images and text. */
  video: VideoInfo | null;
  /** The first audio stream. */
  audio: AudioInfo | null;
  hasAudio: boolean;
  subtitles: SubtitleInfo[];
}

export interface TimeSegment {
  start: number;
  end: number;
}

/** EBU R128 / ITU-R BS.1770 loudness, from ffmpeg's ebur128 filter. */
export interface LoudnessFacts {
  /** Integrated loudness (LUFS); null when everything stays under the −70 LUFS absolute gate (silence). */
  integratedLufs: number | null;
  /** Loudness range (LU); null with integratedLufs. */
  rangeLu: number | null;
  /** Maximum true peak (dBTP, 4× oversampled); null for digital silence. */
  truePeakDbtp: number | null;
  /** Highest short-term (3 s window) loudness (LUFS); null when none reaches −70 LUFS. */
  maxShortTermLufs: number | null;
  /** Highest momentary (400 ms window) loudness (LUFS). */
  maxMomentaryLufs: number | null;
  /**
   * Short-term loudness (3 s window, LUFS) at the end of each step: a plot line. Floored at −70
   * (silence); null for the first 2 s, before the first 3 s window is complete.
   */
  timeline: Array<number | null>;
  timelineStepSeconds: number;
}

export interface MediaAnalysis {
  /** Media time ffmpeg decoded (its last progress report). */
  analyzedSeconds: number | null;
  /** The duration the facts below are laid out on (container duration, else analyzedSeconds). */
  durationSeconds: number | null;
  loudness: LoudnessFacts | null;
  /** Stretches below the silence level; null when not measured (no audio, no filter). */
  silences: TimeSegment[] | null;
  /** Seconds of silence the video opens with (0 when sound starts at once); null when not measured. */
  silentOpeningSeconds: number | null;
  sceneDetector: 'scdet' | 'select' | null;
  /** Times of the first frame of each new shot. null when cuts were not measured. */
  cuts: number[] | null;
  shots: TimeSegment[] | null;
  firstCutAt: number | null;
  averageShotSeconds: number | null;
  /** Most shots seen within any 5 s window (ABCD quick pacing). */
  maxShotsIn5s: number | null;
  /** Shots seen in each consecutive 5 s window ([0,5), [5,10), …). */
  shotsPer5s: number[] | null;
  blackSegments: TimeSegment[] | null;
  frozenSegments: TimeSegment[] | null;
  /** Facts the run could not measure, and why. */
  unmeasured: Unmeasured[];
}

/** A measurement the run cannot make, and why (a missing filter, no such stream). */
export interface Unmeasured {
  fact: 'loudness' | 'silences' | 'shots' | 'black_segments' | 'frozen_segments' | 'thumbnails' | 'audio';
  reason: string;
}

/** The stills the analysis takes (the GraphQL enum ThumbnailKind is registered from this list). */
export const THUMBNAIL_KINDS = ['POSTER', 'AT_0S', 'AT_3S', 'AT_5S', 'SHOT'] as const;
export type ThumbnailKind = (typeof THUMBNAIL_KINDS)[number];

/**
 * The window of `window` seconds holding the most shots, and where it starts (at a cut, or 0): for
 * cuts c_i … c_j closer than `window` apart, a window from just before c_i to just after c_j shows
 * j − i + 2 shots (the one running at c_i, and one per cut).
 */
export function densestWindow(cuts: number[], window: number): { shots: number; from: number } {
  let best = { shots: 1, from: 0 };
  let i = 0;
  for (let j = 0; j < cuts.length; j++) {
    while (cuts[j]! - cuts[i]! >= window) i++;
    if (j - i + 2 > best.shots) best = { shots: j - i + 2, from: cuts[i]! };
  }
  return best;
}
