// Hand-written media facts and transcripts for the pure rule tests.
import type { LoudnessFacts, MediaAnalysis, MediaProbe } from '../../src/domain/media.js';
import type { Transcript } from '../../src/domain/transcript.js';

export function probe(over: Partial<NonNullable<MediaProbe['video']>> & { duration?: number; audio?: boolean; bitRate?: number; subtitles?: MediaProbe['subtitles'] } = {}): MediaProbe {
  const { duration = 15, audio = true, bitRate = 4e6, subtitles = [], ...video } = over;
  return {
    container: 'mp4',
    formatName: 'mov,mp4',
    durationSeconds: duration,
    sizeBytes: 1e6,
    bitRate,
    video: {
      codec: 'h264', width: 1080, height: 1920, displayWidth: 1080, displayHeight: 1920, rotation: 0,
      displayAspectRatio: '9:16', aspectRatio: 9 / 16, frameRate: 30, variableFrameRate: false, pixelFormat: 'yuv420p',
      ...video,
    },
    audio: audio ? { codec: 'aac', sampleRate: 48000, channels: 2 } : null,
    hasAudio: audio,
    subtitles,
  };
}

/** 16:9 1920×1080. */
export const landscape = (over: Parameters<typeof probe>[0] = {}) =>
  probe({ width: 1920, height: 1080, displayWidth: 1920, displayHeight: 1080, displayAspectRatio: '16:9', aspectRatio: 16 / 9, ...over });

export function loudness(over: Partial<LoudnessFacts> = {}): LoudnessFacts {
  return { integratedLufs: -14.2, rangeLu: 5, truePeakDbtp: -1.5, maxShortTermLufs: -11, maxMomentaryLufs: -9, timeline: [null, null, -15, -11, -14], timelineStepSeconds: 1, ...over };
}

/** An analysis laid out from cut times (what buildMediaAnalysis derives, written out). */
export function analysis(cuts: number[] | null, over: Partial<MediaAnalysis> = {}, duration = 15): MediaAnalysis {
  const bounds = cuts ? [0, ...cuts, duration] : null;
  const shots = bounds ? bounds.slice(1).map((end, i) => ({ start: bounds[i]!, end })) : null;
  return {
    analyzedSeconds: duration,
    durationSeconds: duration,
    loudness: loudness(),
    silences: [],
    silentOpeningSeconds: 0,
    sceneDetector: cuts ? 'scdet' : null,
    cuts,
    shots,
    firstCutAt: cuts?.[0] ?? null,
    averageShotSeconds: shots ? duration / shots.length : null,
    maxShotsIn5s: null,
    shotsPer5s: null,
    blackSegments: [],
    frozenSegments: [],
    unmeasured: [],
    ...over,
  };
}

/** Cuts every `step` seconds within `duration`. */
export const everyCut = (step: number, duration = 15) => Array.from({ length: Math.ceil(duration / step) - 1 }, (_, i) => Math.round((i + 1) * step * 1000) / 1000);

/** A transcript of timed lines (no word timings), English unless told. */
export function spoken(lines: Array<[start: number, text: string]>, language = 'en'): Transcript {
  const segments = lines.map(([start, text]) => ({ start, end: start + 1.5, text, confidence: 0.9 }));
  return { available: true, engine: 'test', language, text: segments.map((s) => s.text).join(' '), segments, firstSpokenAt: segments[0]?.start ?? null, wordsPerMinute: 150 };
}

export const NO_TRANSCRIPT: Transcript = { available: false, engine: null, reason: 'NO_SPEECH_ENGINE' };

/** AnalyzeInput.videoFile for engines that must not read the video (the offline rules): calling it fails the test. */
export const noVideo = async (): Promise<string> => {
  throw new Error('this engine should not need the video file');
};
