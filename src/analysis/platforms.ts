// Platform specs used by the measured checks. Defaults from public ad specs (see shared domain
// notes); platforms change them, so they live here in one place.
import { Platform } from '../domain/model.js';

export interface PlatformSpec {
  label: string;
  /** Vertical-first placements penalise horizontal video. */
  verticalFirst: boolean;
  /** Accepted display aspect ratios (width / height), matched within 3%. */
  aspects: number[];
  minWidth: number;
  minHeight: number;
  minSeconds: number;
  maxSeconds: number;
}

export const PLATFORM_SPECS: Record<Platform, PlatformSpec> = {
  // TikTok in-feed: 9:16 (also 1:1, 16:9), ≥ 540×960, ≤ 10 min.
  [Platform.TIKTOK]: {
    label: 'TikTok',
    verticalFirst: true,
    aspects: [9 / 16, 1, 16 / 9],
    minWidth: 540,
    minHeight: 960,
    minSeconds: 1,
    maxSeconds: 600,
  },
  // Facebook feed: 1:1 or 4:5 recommended (16:9 accepted), 1 s – 241 min.
  [Platform.META_FEED]: {
    label: 'Meta feed',
    verticalFirst: false,
    aspects: [1, 4 / 5, 16 / 9, 9 / 16],
    minWidth: 600,
    minHeight: 600,
    minSeconds: 1,
    maxSeconds: 241 * 60,
  },
  // Reels: 9:16, 1080×1920 recommended (500 px short side accepted), ≤ 15 min.
  [Platform.META_REELS]: {
    label: 'Instagram/Facebook Reels',
    verticalFirst: true,
    aspects: [9 / 16],
    minWidth: 500,
    minHeight: 888,
    minSeconds: 1,
    maxSeconds: 900,
  },
  // Stories: 9:16, 1–15 s per card (longer stories are split into cards).
  [Platform.META_STORIES]: {
    label: 'Instagram/Facebook Stories',
    verticalFirst: true,
    aspects: [9 / 16],
    minWidth: 500,
    minHeight: 888,
    minSeconds: 1,
    maxSeconds: 60,
  },
  // YouTube in-stream: 16:9.
  [Platform.YOUTUBE]: {
    label: 'YouTube',
    verticalFirst: false,
    aspects: [16 / 9],
    minWidth: 640,
    minHeight: 360,
    minSeconds: 6,
    maxSeconds: 3 * 3600,
  },
  // Shorts: 9:16, ≥ 600×1067, first 60 s play.
  [Platform.YOUTUBE_SHORTS]: {
    label: 'YouTube Shorts',
    verticalFirst: true,
    aspects: [9 / 16],
    minWidth: 600,
    minHeight: 1067,
    minSeconds: 1,
    maxSeconds: 60,
  },
  // LinkedIn: 9:16 to 16:9, 4:5 recommended, ≥ 360 px, 3 s – 30 min.
  [Platform.LINKEDIN]: {
    label: 'LinkedIn',
    verticalFirst: false,
    aspects: [9 / 16, 4 / 5, 1, 16 / 9],
    minWidth: 360,
    minHeight: 360,
    minSeconds: 3,
    maxSeconds: 1800,
  },
  // Snapchat: 9:16, 1080×1920, 3–180 s.
  [Platform.SNAPCHAT]: {
    label: 'Snapchat',
    verticalFirst: true,
    aspects: [9 / 16],
    minWidth: 1080,
    minHeight: 1920,
    minSeconds: 3,
    maxSeconds: 180,
  },
};

export const DEFAULT_PLATFORMS: Platform[] = [Platform.TIKTOK, Platform.META_REELS, Platform.YOUTUBE];

export function aspectMatches(actual: number, accepted: number[]): boolean {
  return accepted.some((a) => Math.abs(actual - a) / a <= 0.03);
}

/** A safe zone on a 1080×1920 frame: margins to keep free of text and key elements. */
export interface SafeZone {
  unit: '%' | 'px';
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PlatformCreativeFacts {
  /** Longest hook text on screen (characters); null: no limit. */
  hookChars: number | null;
  /** Longest CTA text (characters); null: no limit. */
  ctaChars: number | null;
  safeZone: SafeZone | null;
  /** Length that works best, seconds; null where the platform recommends none. */
  idealSeconds: [number, number] | null;
}

// On-screen text limits and safe zones (on a 1080×1920 frame) per platform, from the product's
// domain notes: hook/CTA TikTok 60/30, Meta 80/40, LinkedIn 100/50, YouTube none/50; safe zones
// Reels top 14 % / bottom 35 % / sides 6 %, Stories top 14 % / bottom 20 %, Shorts top 288 px /
// bottom 672 / left 48 / right 192, Snapchat top 150 px, TikTok the common box x 120–888, y 288–1248.
// Ideal lengths: TikTok in-feed 9–15 s recommended, Stories 1–15 s per card, YouTube bumper ≤ 6 s /
// non-skippable 15 s.
export const PLATFORM_CREATIVE_FACTS: Record<Platform, PlatformCreativeFacts> = {
  [Platform.TIKTOK]: {
    hookChars: 60,
    ctaChars: 30,
    safeZone: { unit: 'px', top: 288, bottom: 672, left: 120, right: 192 },
    idealSeconds: [9, 15],
  },
  [Platform.META_FEED]: { hookChars: 80, ctaChars: 40, safeZone: null, idealSeconds: null },
  [Platform.META_REELS]: {
    hookChars: 80,
    ctaChars: 40,
    safeZone: { unit: '%', top: 14, bottom: 35, left: 6, right: 6 },
    idealSeconds: null,
  },
  [Platform.META_STORIES]: {
    hookChars: 80,
    ctaChars: 40,
    safeZone: { unit: '%', top: 14, bottom: 20, left: 0, right: 0 },
    idealSeconds: [1, 15],
  },
  [Platform.YOUTUBE]: { hookChars: null, ctaChars: 50, safeZone: null, idealSeconds: [6, 15] },
  [Platform.YOUTUBE_SHORTS]: {
    hookChars: null,
    ctaChars: 50,
    safeZone: { unit: 'px', top: 288, bottom: 672, left: 48, right: 192 },
    idealSeconds: null,
  },
  [Platform.LINKEDIN]: { hookChars: 100, ctaChars: 50, safeZone: null, idealSeconds: null },
  [Platform.SNAPCHAT]: {
    hookChars: null,
    ctaChars: null,
    safeZone: { unit: 'px', top: 150, bottom: 0, left: 0, right: 0 },
    idealSeconds: null,
  },
};
