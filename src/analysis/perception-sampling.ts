// Which frames the eyes look at (pure): the first frame, every second of the first 5 s (the hook
// and ABCD's "first 5 s" checks), the first frame of each shot, and the last second (where end
// cards and CTAs sit), capped so a long video costs a bounded number of frames.
import type { SampleReason } from '../domain/perception.js';

export const SAMPLING = {
  /** ABCD's early checks (brand, people, supers) look at the first 5 s: one frame per second there. */
  everySecondUntil: 5,
  /** Targets closer than this (seconds) are one frame. */
  mergeWithin: 0.1,
  /** The last frame sampled sits this far before the end, inside the last second. */
  lastOffset: 0.5,
  /** (Default: 24, PERCEPTION_MAX_FRAMES) */
  maxFrames: 24,
} as const;

export interface SampleTarget {
  atSeconds: number;
  reasons: SampleReason[];
}

export function sampleTimes(input: { durationSeconds: number | null; cuts: readonly number[] | null; maxFrames?: number }): {
  targets: SampleTarget[];
  capped: boolean;
} {
  const max = Math.max(1, Math.floor(input.maxFrames ?? SAMPLING.maxFrames));
  const d = input.durationSeconds !== null && input.durationSeconds > 0 ? input.durationSeconds : null;
  const fixed: SampleTarget[] = [{ atSeconds: 0, reasons: ['first'] }];
  for (let s = 1; s < SAMPLING.everySecondUntil; s++) if (d === null || s < d) fixed.push({ atSeconds: s, reasons: ['second'] });
  if (d !== null && d - SAMPLING.lastOffset > 0) fixed.push({ atSeconds: round3(d - SAMPLING.lastOffset), reasons: ['last'] });
  const shots = [...new Set((input.cuts ?? []).filter((c) => c > 0 && (d === null || c < d)))]
    .sort((a, b) => a - b)
    .map((c): SampleTarget => ({ atSeconds: c, reasons: ['shot'] }));

  const merged = merge([...fixed, ...shots]);
  if (merged.length <= max) return { targets: merged, capped: false };
  // Over the cap: keep the fixed frames (the first seconds and the end), thin the shots evenly.
  const keptFixed = merge(fixed).slice(0, max);
  const room = max - keptFixed.length;
  const extra = shots.filter((s) => !keptFixed.some((f) => Math.abs(f.atSeconds - s.atSeconds) < SAMPLING.mergeWithin));
  const picked: SampleTarget[] = [];
  for (let i = 0; i < room && extra.length; i++) picked.push(extra[Math.floor(((i + 0.5) * extra.length) / room)]!);
  return { targets: merge([...keptFixed, ...picked]), capped: true };
}

function merge(targets: SampleTarget[]): SampleTarget[] {
  const sorted = [...targets].sort((a, b) => a.atSeconds - b.atSeconds);
  const out: SampleTarget[] = [];
  for (const t of sorted) {
    const last = out.at(-1);
    if (last && t.atSeconds - last.atSeconds < SAMPLING.mergeWithin) {
      for (const r of t.reasons) if (!last.reasons.includes(r)) last.reasons.push(r);
      // A shot's first frame may sit just after a fixed time: take the shot's, or the frame read is the old shot's last.
      if (t.reasons.includes('shot')) last.atSeconds = t.atSeconds;
    } else {
      out.push({ atSeconds: t.atSeconds, reasons: [...t.reasons] });
    }
  }
  return out;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
