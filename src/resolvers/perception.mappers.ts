// Stored perception → the GraphQL shapes of perception.types.ts. Plain functions without decorators, so
// code that renders results outside GraphQL (the HTML report) does not load type-graphql's metadata.
import type { PerceptionFacts as StoredPerception } from '../domain/perception.js';
import type { PerceptionFacts, PixelBox, SeenEvidence } from './perception.types.js';

const box = (b: { x: number; y: number; w: number; h: number }): PixelBox => ({
  x: Math.round(b.x),
  y: Math.round(b.y),
  width: Math.round(b.w),
  height: Math.round(b.h),
});

export function toPerception(p: (StoredPerception & { reusedFromTask?: string }) | null | undefined): PerceptionFacts | null {
  if (!p) return null;
  const H = p.frameHeight || 1;
  return {
    engines: p.engines,
    frameWidth: p.frameWidth,
    frameHeight: p.frameHeight,
    frames: p.frames.map((f) => ({
      atSeconds: f.atSeconds,
      reasons: f.reasons,
      words: f.words.map((w) => ({ text: w.text, confidence: w.confidence, box: box(w.box), pass: w.pass })),
      lines: f.lines.map((l) => ({
        text: l.text,
        box: box(l.box),
        confidence: l.confidence,
        relativeHeight: Math.round((l.box.h / H) * 10000) / 10000,
      })),
      reusedFrom: f.reusedFrom,
      faces: f.faces.map((x) => ({ ...x, box: box(x.box) })),
      people: f.people.map((x) => ({ ...x, box: box(x.box) })),
      stillKey: f.stillKey,
    })),
    ocrFrames: p.ocrFrames,
    capped: p.capped,
    unmeasured: p.unmeasured.map((u) => ({ fact: u.fact, reason: u.reason, atSeconds: u.atSeconds ?? null })),
    cpuMs: p.cpuMs.total,
    reused: Boolean(p.reusedFromTask),
  };
}

type StoredSeen = {
  kind: string;
  text: string | null;
  atSeconds: number;
  box: { x: number; y: number; w: number; h: number };
  frameKey: string | null;
};

export function seenOf(seen: readonly StoredSeen[] | undefined): SeenEvidence[] {
  return (seen ?? []).map((s) => ({ kind: s.kind, text: s.text, atSeconds: s.atSeconds, box: box(s.box), frameKey: s.frameKey }));
}

/** The distinct stills of the evidence; null when it has none (the caller falls back to the nearest thumbnail). */
export function seenFrames(seen: readonly StoredSeen[] | undefined): string[] | null {
  const keys = [...new Set((seen ?? []).map((s) => s.frameKey).filter((k): k is string => Boolean(k)))];
  return keys.length ? keys : null;
}
