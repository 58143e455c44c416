// Findings from what the eyes saw (pure): text in a platform's unsafe zones, captions under its UI,
// print too small to read, hook and CTA text over the platform's character limits, and ABCD's
// supers, brand, CTA, people and face checks. Every threshold lives in PERCEPTION_RULES with its
// source; safe zones and character limits per platform are in ./platforms.ts
// (PLATFORM_CREATIVE_FACTS). Each finding carries the words, the box, the time and the still.
import type { Box, PerceivedFrame, PerceptionFacts, SeenLine } from '../domain/perception.js';
import { measured } from '../domain/perception.js';
import type { Platform } from '../domain/model.js';
import { CTA_PHRASES, findPhrases, normalizeText } from './keywords.js';
import { PLATFORM_CREATIVE_FACTS, PLATFORM_SPECS, type SafeZone } from './platforms.js';
import type { Check, DetectedIssue, SeenEvidence } from './ports.js';
import type { Transcript } from '../domain/transcript.js';
import { ISSUE_PENALTIES, severityFor } from './scoring-config.js';

export const PERCEPTION_RULES = {
  /** The product's "3-second hook": hook text is what is on screen before 3 s. */
  hookSeconds: 3,
  /** Google ABCD: brand visuals, people and faces "in the first 5 s". */
  earlySeconds: 5,
  /**
   * A line whose tallest word is lower than this share of the frame height is too small to read on
   * a phone: 1.5 % is 29 px on 1920 (a ~40 px font), under the 40–50 px caption sizes platform
   * creative guides show on 1080×1920 templates. The line's box spans its tallest word (a word
   * without ascenders alone measures ~0.55 of the font size).
   */
  minTextHeightShare: 0.015,
  /** A line counts as inside an unsafe zone when at least this share of its box lies there. */
  unsafeAreaShare: 0.2,
  /** Safe zones are drawn for 9:16 frames; wider frames (letterboxed on vertical platforms) are not checked. */
  maxAspectForSafeZones: 0.8,
  /** A caption (subtitle) line: at least this many words, or words that match the speech. */
  captionMinWords: 3,
  /** Supers match speech when this share of a line's words (at least 2) is heard within ±window s. */
  supersMatchShare: 0.5,
  supersMatchWindowSeconds: 3,
  /** ABCD "visible face, close up": a face box at least this share of the frame height (a head-and-shoulders shot). */
  closeUpFaceHeight: 0.2,
  /** Evidence items kept per finding. */
  maxEvidence: 3,
} as const;

/** What the perception findings read. */
export interface PerceptionFindingFacts {
  perception: PerceptionFacts | null | undefined;
  transcript: Transcript;
  platforms: Platform[];
  brand?: string | null;
}

interface LineAt {
  frame: PerceivedFrame;
  line: SeenLine;
}

/** Distinct frames (reused frames repeat their source's words) with their lines, in time order. */
function linesOf(p: PerceptionFacts): LineAt[] {
  return p.frames.filter((f) => f.reusedFrom === null).flatMap((frame) => frame.lines.map((line) => ({ frame, line })));
}

const ev = (x: LineAt): SeenEvidence => ({
  kind: 'text',
  text: x.line.text,
  atSeconds: x.frame.atSeconds,
  box: x.line.box,
  frameKey: x.frame.stillKey,
});
const at = (s: number) => `${s.toFixed(1)} s`;
const px = (b: Box) => `${Math.round(b.w)}×${Math.round(b.h)} px at (${Math.round(b.x)}, ${Math.round(b.y)})`;
const quote = (t: string, n = 60) => `"${t.length > n ? `${t.slice(0, n - 1)}…` : t}"`;

/** The safe area of a platform on this frame, in pixels; null where the platform publishes none. */
export function safeArea(zone: SafeZone, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } {
  // Zones are published for 1080×1920; % zones are shares of the frame.
  const sx = zone.unit === 'px' ? width / 1080 : width / 100;
  const sy = zone.unit === 'px' ? height / 1920 : height / 100;
  return { x0: zone.left * sx, y0: zone.top * sy, x1: width - zone.right * sx, y1: height - zone.bottom * sy };
}

/** Share of the box outside the safe area, and whether most of that is in the bottom band. */
function outside(b: Box, safe: { x0: number; y0: number; x1: number; y1: number }): { share: number; bottom: boolean } {
  const area = b.w * b.h;
  if (area <= 0) return { share: 0, bottom: false };
  const ix = Math.max(0, Math.min(b.x + b.w, safe.x1) - Math.max(b.x, safe.x0));
  const iy = Math.max(0, Math.min(b.y + b.h, safe.y1) - Math.max(b.y, safe.y0));
  const below = Math.max(0, b.y + b.h - Math.max(b.y, safe.y1)) * b.w;
  const share = 1 - (ix * iy) / area;
  return { share, bottom: share > 0 && below / area >= share / 2 };
}

function speechNear(t: Transcript, atSeconds: number): string {
  if (!t.available) return '';
  const w = PERCEPTION_RULES.supersMatchWindowSeconds;
  return ` ${normalizeText(
    t.segments
      .filter((s) => s.end >= atSeconds - w && s.start <= atSeconds + w)
      .map((s) => s.text)
      .join(' '),
  )} `;
}

/** Words of the line heard near its time, as a share of its words (null: no transcript, or too few words). */
function speechMatch(t: Transcript, x: LineAt): number | null {
  const words = normalizeText(x.line.text)
    .split(' ')
    .filter((w) => w.length > 1);
  if (!t.available || words.length < 2) return null;
  const heard = speechNear(t, x.frame.atSeconds);
  return words.filter((w) => heard.includes(` ${w} `)).length / words.length;
}

function isCaption(t: Transcript, x: LineAt): boolean {
  if (x.line.wordCount >= PERCEPTION_RULES.captionMinWords) return true;
  const m = speechMatch(t, x);
  return m !== null && m >= PERCEPTION_RULES.supersMatchShare;
}

/** On-screen lines as a transcript, so the CTA and brand phrase matching of ./keywords.ts applies to them. */
function asTranscript(lines: LineAt[]): Transcript {
  return {
    available: true,
    engine: 'ocr',
    language: null,
    text: lines.map((l) => l.line.text).join(' '),
    segments: lines.map((l) => ({ start: l.frame.atSeconds, end: l.frame.atSeconds, text: l.line.text, confidence: l.line.confidence })),
  };
}

function ctaLines(lines: LineAt[]): Array<LineAt & { phrase: string }> {
  const out: Array<LineAt & { phrase: string }> = [];
  for (const l of lines) {
    const hit = findPhrases(asTranscript([l]), CTA_PHRASES)[0];
    if (hit) out.push({ ...l, phrase: hit.phrase });
  }
  return out;
}

function brandLines(lines: LineAt[], brand: string): LineAt[] {
  const b = normalizeText(brand);
  if (!b) return [];
  return lines.filter((l) => ` ${normalizeText(l.line.text)} `.includes(` ${b} `));
}

export function perceptionIssues(f: PerceptionFindingFacts): DetectedIssue[] {
  const p = f.perception;
  if (!p || !measured(p, 'text')) return [];
  const R = PERCEPTION_RULES;
  const lines = linesOf(p);
  const issues: DetectedIssue[] = [];
  const W = p.frameWidth,
    H = p.frameHeight;
  const vertical = W / H <= R.maxAspectForSafeZones;

  for (const platform of f.platforms) {
    const facts = PLATFORM_CREATIVE_FACTS[platform];
    const label = PLATFORM_SPECS[platform].label;
    if (facts.safeZone && vertical) {
      const safe = safeArea(facts.safeZone, W, H);
      const unsafe: LineAt[] = [];
      const covered: LineAt[] = [];
      for (const l of lines) {
        const o = outside(l.line.box, safe);
        if (o.share < R.unsafeAreaShare) continue;
        // A caption under the platform's bottom UI is the subtitle-position issue, not a second one.
        if (o.bottom && isCaption(f.transcript, l)) covered.push(l);
        else unsafe.push(l);
      }
      const zone = `x ${Math.round(safe.x0)}–${Math.round(safe.x1)}, y ${Math.round(safe.y0)}–${Math.round(safe.y1)} px`;
      if (unsafe.length) {
        const first = unsafe[0]!;
        issues.push(
          issue(
            'SAFE_ZONE_VIOLATION',
            ISSUE_PENALTIES.SAFE_ZONE_VIOLATION,
            `Text outside ${label}'s safe zone`,
            `${unsafe.length} line(s) of text sit where ${label}'s interface covers the picture; keep text inside ${zone}.`,
            first.frame.atSeconds,
            [platform],
            `${quote(first.line.text)} at ${at(first.frame.atSeconds)}, ${px(first.line.box)}; safe area ${zone}`,
            unsafe,
          ),
        );
      }
      if (covered.length) {
        const first = covered[0]!;
        issues.push(
          issue(
            'SUBTITLE_POSITION',
            ISSUE_PENALTIES.SUBTITLE_POSITION,
            `Captions under ${label}'s interface`,
            `Captions sit in the bottom band ${label}'s caption and buttons cover; move them above y ${Math.round(safe.y1)} px.`,
            first.frame.atSeconds,
            [platform],
            `${quote(first.line.text)} at ${at(first.frame.atSeconds)}, ${px(first.line.box)}; safe area ${zone}`,
            covered,
          ),
        );
      }
    }
    // Hook text: the most characters on one frame before 3 s.
    if (facts.hookChars !== null) {
      const byFrame = new Map<PerceivedFrame, LineAt[]>();
      for (const l of lines) if (l.frame.atSeconds < R.hookSeconds) byFrame.set(l.frame, [...(byFrame.get(l.frame) ?? []), l]);
      let worst: { chars: number; ls: LineAt[] } | null = null;
      for (const ls of byFrame.values()) {
        const chars = ls.map((l) => l.line.text).join(' ').length;
        if (!worst || chars > worst.chars) worst = { chars, ls };
      }
      if (worst && worst.chars > facts.hookChars) {
        const text = worst.ls.map((l) => l.line.text).join(' ');
        issues.push(
          issue(
            'HOOK_CTA_TOO_LONG',
            ISSUE_PENALTIES.HOOK_CTA_TOO_LONG,
            `Hook text too long for ${label}`,
            `${worst.chars} characters on screen in the hook; ${label} works best with at most ${facts.hookChars}.`,
            worst.ls[0]!.frame.atSeconds,
            [platform],
            `${quote(text, 120)} (${worst.chars} characters) at ${at(worst.ls[0]!.frame.atSeconds)}`,
            worst.ls,
          ),
        );
      }
    }
    if (facts.ctaChars !== null) {
      const long = ctaLines(lines).filter((l) => l.line.text.length > facts.ctaChars!);
      if (long.length) {
        const first = long[0]!;
        issues.push(
          issue(
            'HOOK_CTA_TOO_LONG',
            ISSUE_PENALTIES.HOOK_CTA_TOO_LONG,
            `CTA text too long for ${label}`,
            `The call to action on screen has ${first.line.text.length} characters; ${label} works best with at most ${facts.ctaChars}.`,
            first.frame.atSeconds,
            [platform],
            `${quote(first.line.text, 120)} (${first.line.text.length} characters) at ${at(first.frame.atSeconds)}`,
            long,
          ),
        );
      }
    }
  }

  const small = lines.filter((l) => l.line.box.h / H < R.minTextHeightShare);
  if (small.length) {
    const first = small[0]!;
    const min = Math.ceil(R.minTextHeightShare * H);
    issues.push(
      issue(
        'SMALL_SUBTITLES',
        ISSUE_PENALTIES.SMALL_SUBTITLES,
        'Text too small to read on a phone',
        `${small.length} line(s) of text are under ${min} px high (${(R.minTextHeightShare * 100).toFixed(1)} % of the frame height).`,
        first.frame.atSeconds,
        [],
        `${quote(first.line.text)} at ${at(first.frame.atSeconds)}: ${Math.round(first.line.box.h)} px high (${((first.line.box.h / H) * 100).toFixed(1)} % of ${H} px)`,
        small,
      ),
    );
  }
  return issues;
}

function issue(
  code: keyof typeof ISSUE_PENALTIES,
  penalty: number,
  title: string,
  detail: string,
  atSeconds: number,
  platforms: Platform[],
  evidence: string,
  seen: LineAt[],
): DetectedIssue {
  return {
    code,
    severity: severityFor(penalty),
    penalty,
    title,
    detail,
    atSeconds,
    platforms,
    evidence,
    seen: seen.slice(0, PERCEPTION_RULES.maxEvidence).map(ev),
  };
}

/** ABCD's picture checks, decided from what was seen; a check whose engine did not run is left out. */
export function perceptionChecks(f: PerceptionFindingFacts): Check[] {
  const p = f.perception;
  if (!p) return [];
  const R = PERCEPTION_RULES;
  const checks: Check[] = [];
  if (measured(p, 'text')) {
    const lines = linesOf(p);
    const first = lines[0];
    checks.push({
      code: 'SUPERS',
      title: 'Text on screen (supers)',
      passed: lines.length > 0,
      rule: 'Text is shown on screen (ABCD: supers)',
      threshold: '≥ 1 line read',
      evidence: first
        ? `${lines.length} line(s) read; first ${quote(first.line.text)} at ${at(first.frame.atSeconds)}`
        : `no text read on ${p.frames.length} frame(s)`,
      atSeconds: first?.frame.atSeconds ?? null,
      seen: first ? [ev(first)] : [],
    });
    if (f.transcript.available && lines.length) {
      const matched = lines.map((l) => ({ l, m: speechMatch(f.transcript, l) })).filter((x) => x.m !== null);
      const hit = matched.find((x) => x.m! >= R.supersMatchShare);
      checks.push({
        code: 'SUPERS_WITH_AUDIO',
        title: 'Supers match the speech',
        passed: matched.length ? Boolean(hit) : null,
        rule: `On-screen text repeats what is said (ABCD: supers with audio): ≥ ${R.supersMatchShare * 100} % of a line's words heard within ±${R.supersMatchWindowSeconds} s`,
        threshold: `≥ ${R.supersMatchShare * 100} % of a line's words`,
        evidence: hit
          ? `${quote(hit.l.line.text)} at ${at(hit.l.frame.atSeconds)}: ${Math.round(hit.m! * 100)} % of its words heard`
          : matched.length
            ? 'no line of text matches the speech around it'
            : 'no line of two or more words to compare',
        atSeconds: hit?.l.frame.atSeconds ?? null,
        seen: hit ? [ev(hit.l)] : [],
      });
    }
    const brand = f.brand?.trim();
    if (brand) {
      const seen = brandLines(lines, brand);
      const early = seen.find((l) => l.frame.atSeconds < R.earlySeconds);
      checks.push({
        code: 'BRAND_VISUAL_EARLY',
        title: 'Brand on screen in the first seconds',
        passed: Boolean(early),
        rule: `The brand "${brand}" is shown within the first ${R.earlySeconds} s (ABCD: brand visuals, first 5 s)`,
        threshold: `< ${R.earlySeconds} s`,
        evidence: early
          ? `${quote(early.line.text)} at ${at(early.frame.atSeconds)}`
          : seen[0]
            ? `first shown at ${at(seen[0].frame.atSeconds)}`
            : `"${brand}" not read on screen`,
        atSeconds: (early ?? seen[0])?.frame.atSeconds ?? null,
        seen: early ? [ev(early)] : seen[0] ? [ev(seen[0])] : [],
      });
    }
    const cta = ctaLines(lines);
    checks.push({
      code: 'CTA_ON_SCREEN',
      title: 'Call to action on screen',
      passed: cta.length > 0,
      rule: 'A call-to-action phrase is shown on screen (ABCD: call to action, text)',
      threshold: 'one of the known CTA phrases',
      evidence: cta[0] ? `${quote(cta[0].line.text)} at ${at(cta[0].frame.atSeconds)}` : 'no CTA phrase read on screen',
      atSeconds: cta[0]?.frame.atSeconds ?? null,
      seen: cta.slice(0, 1).map(ev),
    });
  }
  if (measured(p, 'faces') || measured(p, 'people')) {
    const early = p.frames.filter((fr) => fr.atSeconds < R.earlySeconds);
    const withSomeone = early.find((fr) => fr.faces.length || fr.people.length);
    const seenAt = (fr: PerceivedFrame): SeenEvidence[] =>
      [
        ...fr.faces.map((x) => ({ kind: 'face' as const, text: null, atSeconds: fr.atSeconds, box: x.box, frameKey: fr.stillKey })),
        ...fr.people.map((x) => ({ kind: 'person' as const, text: null, atSeconds: fr.atSeconds, box: x.box, frameKey: fr.stillKey })),
      ].slice(0, R.maxEvidence);
    checks.push({
      code: 'PEOPLE_EARLY',
      title: 'People in the first seconds',
      passed: Boolean(withSomeone),
      rule: `A face or a person is seen within the first ${R.earlySeconds} s (ABCD: people, first 5 s)`,
      threshold: `< ${R.earlySeconds} s`,
      evidence: withSomeone
        ? `${withSomeone.faces.length} face(s), ${withSomeone.people.length} person(s) at ${at(withSomeone.atSeconds)}`
        : `no face or person on ${early.length} frame(s) before ${R.earlySeconds} s`,
      atSeconds: withSomeone?.atSeconds ?? null,
      seen: withSomeone ? seenAt(withSomeone) : [],
    });
    if (measured(p, 'faces')) {
      let best: { fr: PerceivedFrame; h: number; box: Box } | null = null;
      for (const fr of p.frames)
        for (const x of fr.faces) if (!best || x.relativeHeight > best.h) best = { fr, h: x.relativeHeight, box: x.box };
      checks.push({
        code: 'FACE_CLOSEUP',
        title: 'A face in close-up',
        passed: best !== null && best.h >= R.closeUpFaceHeight,
        rule: `A face fills at least ${R.closeUpFaceHeight * 100} % of the frame height (ABCD: visible face, close-up)`,
        threshold: `face ≥ ${R.closeUpFaceHeight * 100} % of the height`,
        evidence: best ? `largest face ${Math.round(best.h * 100)} % of the frame height at ${at(best.fr.atSeconds)}` : 'no face seen',
        atSeconds: best?.fr.atSeconds ?? null,
        seen: best ? [{ kind: 'face', text: null, atSeconds: best.fr.atSeconds, box: best.box, frameKey: best.fr.stillKey }] : [],
      });
    }
  }
  return checks;
}

/** Signals the metrics read (./perception-metrics.ts): what was seen, summarised. */
export function seenSummary(f: PerceptionFindingFacts) {
  const p = f.perception;
  const text = Boolean(p && measured(p, 'text'));
  const people = Boolean(p && (measured(p, 'faces') || measured(p, 'people')));
  const lines = p && text ? linesOf(p) : [];
  const distinct = p ? p.frames.filter((fr) => fr.reusedFrom === null) : [];
  return {
    textMeasured: text,
    peopleMeasured: people,
    lines,
    hookLine: lines.find((l) => l.frame.atSeconds < PERCEPTION_RULES.hookSeconds) ?? null,
    hookFace: distinct.find((fr) => fr.atSeconds < PERCEPTION_RULES.hookSeconds && fr.faces.length) ?? null,
    brand: f.brand ? (brandLines(lines, f.brand)[0] ?? null) : null,
    cta: ctaLines(lines)[0] ?? null,
    captionFrames: new Set(lines.filter((l) => isCaption(f.transcript, l)).map((l) => l.frame.atSeconds)).size,
    maxFaces: Math.max(0, ...distinct.map((fr) => fr.faces.length)),
    maxPeople: Math.max(0, ...distinct.map((fr) => Math.max(fr.people.length, fr.faces.length))),
    firstPerson: distinct.find((fr) => fr.faces.length || fr.people.length) ?? null,
    productLine: lines.find((l) => findPhrases(asTranscript([l]), PRODUCT_WORDS).length) ?? null,
  };
}

const PRODUCT_WORDS = ['new', 'novo', 'nova', 'product', 'produto', 'introducing', 'apresentamos', 'conheça', 'meet', 'app', 'aplicativo'];
