// Inputs shared by the AI datasource tests: a probed 9:16 ad, a transcript, answers that fit the
// response schemas.
import type { MediaProbe } from '../../../src/domain/media.js';
import type { Transcript } from '../../../src/domain/transcript.js';
import { METRIC_CODES } from '../../../src/domain/metrics.js';
import { Audience, Platform } from '../../../src/domain/model.js';

export const MEDIA: MediaProbe = {
  container: 'mp4',
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSeconds: 14.52,
  sizeBytes: 3_400_000,
  bitRate: 1_873_000,
  video: {
    codec: 'h264', width: 1080, height: 1920, displayWidth: 1080, displayHeight: 1920, rotation: 0,
    displayAspectRatio: '9:16', aspectRatio: 0.5625, frameRate: 29.97, variableFrameRate: false, pixelFormat: 'yuv420p',
  },
  audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
  hasAudio: true,
  subtitles: [],
};

export const TRANSCRIPT: Transcript = {
  available: true,
  engine: 'pocketsphinx',
  language: 'en',
  text: 'Tired of soggy sneakers? Meet DryStep. Shop now and save twenty percent',
  segments: [
    { start: 0.4, end: 2.1, text: 'Tired of soggy sneakers?', confidence: 0.9 },
    { start: 2.5, end: 4.0, text: 'Meet DryStep.', confidence: 0.8 },
    { start: 11.2, end: 13.9, text: 'Shop now and save twenty percent', confidence: 0.85 },
  ],
};

export const OPTIONS = { platforms: [Platform.TIKTOK, Platform.META_REELS], audiences: [Audience.GEN_Z, Audience.MILLENNIALS], language: 'en' };

/** A valid analysis answer; `score` for every metric unless overridden. */
export function analysisAnswer(score = 70, overrides: Partial<Record<(typeof METRIC_CODES)[number], number>> = {}) {
  return {
    metrics: METRIC_CODES.map((code) => ({
      code,
      score: overrides[code] ?? score,
      wentWell: [`${code} good`],
      toImprove: [`${code} better`],
      evidence: `seen for ${code}`,
      atSeconds: code === 'HOOK' ? 0.5 : null,
    })),
    audiences: [
      { audience: 'GEN_Z', score: 80, reasoning: 'fast cuts and humour' },
      { audience: 'MILLENNIALS', score: 65, reasoning: 'clear value' },
      { audience: 'BOOMERS', score: 30, reasoning: 'not targeted' },
    ],
    issues: [
      { code: 'SAFE_ZONE_VIOLATION', detail: 'Price text sits under the TikTok caption area.', evidence: 'price text at y≈1700', atSeconds: 9.5, platforms: ['TIKTOK'] },
      { code: 'SAFE_ZONE_VIOLATION', detail: 'Logo under the like button.', evidence: 'logo at right edge', atSeconds: 3.0, platforms: ['TIKTOK', 'META_REELS'] },
      { code: 'SMALL_SUBTITLES', detail: 'Subtitles are about 2 % of the frame height.', evidence: 'subtitle line height ~40 px', atSeconds: 1.0, platforms: [] },
    ],
  };
}

export const RECOMMENDATIONS = {
  summary: 'Strong hook; move the price out of the caption area.',
  recommendations: [
    { priority: 2, category: 'PLATFORM', target: 'TIKTOK', text: 'Raise the price text above y=1248.', atSeconds: 9.5 },
    { priority: 3, category: 'ISSUE', target: 'SAFE_ZONE_VIOLATION', text: 'Move the logo left of the action buttons.', atSeconds: 3 },
    { priority: 1, category: 'AUDIENCE', target: 'GEN_Z', text: 'Add a creator voice-over.', atSeconds: null },
  ],
};
