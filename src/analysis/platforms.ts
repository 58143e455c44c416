// Platform specs used by the measured checks. Defaults from public ad specs (see shared domain
// notes); platforms change them, so they live here in one place.
import { Platform } from '../model.js';

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
  [Platform.TIKTOK]: { label: 'TikTok', verticalFirst: true, aspects: [9 / 16, 1, 16 / 9], minWidth: 540, minHeight: 960, minSeconds: 1, maxSeconds: 600 },
  // Facebook feed: 1:1 or 4:5 recommended (16:9 accepted), 1 s – 241 min.
  [Platform.META_FEED]: { label: 'Meta feed', verticalFirst: false, aspects: [1, 4 / 5, 16 / 9, 9 / 16], minWidth: 600, minHeight: 600, minSeconds: 1, maxSeconds: 241 * 60 },
  // Reels: 9:16, 1080×1920 recommended (500 px short side accepted), ≤ 15 min.
  [Platform.META_REELS]: { label: 'Instagram/Facebook Reels', verticalFirst: true, aspects: [9 / 16], minWidth: 500, minHeight: 888, minSeconds: 1, maxSeconds: 900 },
  // Stories: 9:16, 1–15 s per card (longer stories are split into cards).
  [Platform.META_STORIES]: { label: 'Instagram/Facebook Stories', verticalFirst: true, aspects: [9 / 16], minWidth: 500, minHeight: 888, minSeconds: 1, maxSeconds: 60 },
  // YouTube in-stream: 16:9.
  [Platform.YOUTUBE]: { label: 'YouTube', verticalFirst: false, aspects: [16 / 9], minWidth: 640, minHeight: 360, minSeconds: 6, maxSeconds: 3 * 3600 },
  // Shorts: 9:16, ≥ 600×1067, first 60 s play.
  [Platform.YOUTUBE_SHORTS]: { label: 'YouTube Shorts', verticalFirst: true, aspects: [9 / 16], minWidth: 600, minHeight: 1067, minSeconds: 1, maxSeconds: 60 },
  // LinkedIn: 9:16 to 16:9, 4:5 recommended, ≥ 360 px, 3 s – 30 min.
  [Platform.LINKEDIN]: { label: 'LinkedIn', verticalFirst: false, aspects: [9 / 16, 4 / 5, 1, 16 / 9], minWidth: 360, minHeight: 360, minSeconds: 3, maxSeconds: 1800 },
  // Snapchat: 9:16, 1080×1920, 3–180 s.
  [Platform.SNAPCHAT]: { label: 'Snapchat', verticalFirst: true, aspects: [9 / 16], minWidth: 1080, minHeight: 1920, minSeconds: 3, maxSeconds: 180 },
};

export const DEFAULT_PLATFORMS: Platform[] = [Platform.TIKTOK, Platform.META_REELS, Platform.YOUTUBE];

export function aspectMatches(actual: number, accepted: number[]): boolean {
  return accepted.some((a) => Math.abs(actual - a) / a <= 0.03);
}
