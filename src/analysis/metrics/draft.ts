// The shared parts of the rule-based metrics: the facts they read, the steps (METRIC_RULES), the
// draft a metric is built on, and small readers of the transcript and segments.
import type { MediaAnalysis, MediaProbe, TimeSegment } from '../../domain/media.js';
import type { AnalysisOptions } from '../../domain/model.js';
import type { Transcript } from '../../domain/transcript.js';
import type { Lang } from '../i18n.js';
import { findPhrases, normalizeText, wordCount, type Heard } from '../keywords.js';
import type { Check, CreativeMetric } from '../ports.js';
import type { CreativeMetricCode } from '../../domain/metrics.js';
import { METRIC_EVIDENCE, METRIC_TIPS } from '../copy/metrics.js';
import { NEUTRAL_SCORE } from '../scoring-config.js';
import { clamp } from '../scoring.js';

export interface MetricFacts {
  media: MediaProbe;
  analysis: MediaAnalysis | null | undefined;
  transcript: Transcript;
  /** The measured checks (CTA_SPEECH, BRAND_MENTION_EARLY, … are read from here). */
  checks: readonly Check[];
  options: AnalysisOptions;
}

/**
 * The steps: points a signal moves a metric. Documented here so the heuristics can be tuned in one
 * place; each is applied at most once per metric unless noted.
 */
export const METRIC_RULES = {
  /** The hook is the first 3 s (the product's "3-second hook"). */
  hookSeconds: 3,
  hook: {
    cutInHook: 15,
    noCutInHook: -15,
    twoCutsInHook: 5,
    soundAtOnce: 10,
    silentOpening: -10,
    longSilentOpening: -20,
    speechInHook: 10,
    noSpeechInHook: -5,
    questionInHook: 5,
    blackOpening: -15,
    stillOpening: -10,
    brandInHook: 5,
  },
  story: {
    perContrastWord: 8,
    maxContrast: 16,
    noContrast: -5,
    oneShot: -10,
    severalShots: 5,
    variedPacing: 5,
    voiceThroughout: 5,
  },
  /** Shot lengths vary when their coefficient of variation reaches this. */
  variedPacingCv: 0.5,
  emotion: { perWord: 8, maxWords: 16, dynamicMix: 5, flatMix: -5 },
  /** Loudness range (LU) above which the mix has dynamics, below which it is flat. */
  dynamicRangeLu: 4,
  flatRangeLu: 1.5,
  audio: {
    noAudio: -40,
    silentTrack: -35,
    onTarget: 15,
    tooQuiet: -10,
    farTooQuiet: -20,
    tooLoud: -5,
    truePeak: -5,
    silentOpening: -5,
    voice: 10,
    noVoice: -5,
    subtitles: 10,
    fastSpeech: -5,
  },
  /** Integrated loudness this far under the social target (LU) counts as far too quiet. */
  farTooQuietLu: 10,
  /** Words per minute above which a voice-over is hard to follow. */
  fastSpeechWpm: 220,
  product: { brandHeard: 15, brandEarly: 5, brandMissing: -10, productWord: 8, productWords: 12 },
  /** ABCD: the brand is mentioned within the first 5 s. */
  brandEarlySeconds: 5,
  value: { benefitWord: 10, benefitWords: 15, figure: 10, noBenefit: -5 },
  cta: { heard: 25, nearEnd: 10, repeated: 5, missing: -25, noSpeech: -10 },
  community: { directAddress: 5, communityWord: 10 },
  quality: {
    base: 60,
    fullHd: 20,
    hd: 10,
    belowSpec: -15,
    veryLow: -25,
    lowFps: -10,
    lowBitrate: -10,
    mostlyFrozen: -15,
    someFrozen: -5,
    blackMidway: -10,
  },
  /** Bits per pixel per frame under which H.264 at social sizes turns blocky after re-encoding. */
  lowBitsPerPixel: 0.02,
  /** Share of the running time frozen above which the picture reads as a slideshow. */
  mostlyFrozenShare: 0.3,
} as const;

/** One metric being built: a score that moves per signal, the points for each side, the facts used. */
export class MetricDraft {
  private score: number;
  readonly wentWell: string[] = [];
  readonly toImprove: string[] = [];
  readonly facts: string[] = [];
  /** Signals that moved the score, or that could have (measured, but nothing found). */
  strong = 0;
  atSeconds: number | null = null;

  constructor(
    readonly code: CreativeMetricCode,
    base: number = NEUTRAL_SCORE,
  ) {
    this.score = base;
  }

  good(delta: number, text: string, fact?: string): this {
    this.score += delta;
    this.wentWell.push(text);
    if (fact) this.facts.push(fact);
    this.strong++;
    return this;
  }

  bad(delta: number, text: string, fact?: string): this {
    this.score += delta;
    this.toImprove.push(text);
    if (fact) this.facts.push(fact);
    this.strong++;
    return this;
  }

  fact(text: string): this {
    this.facts.push(text);
    return this;
  }

  at(seconds: number | null | undefined): this {
    if (this.atSeconds === null && seconds !== null && seconds !== undefined) this.atSeconds = round2(seconds);
    return this;
  }

  build(lang: Lang, opts: { lowSignal: boolean; why: string; tip: string }): CreativeMetric {
    const lowSignal = opts.lowSignal;
    const facts = this.facts.join('; ');
    const evidence = lowSignal ? METRIC_EVIDENCE[lang].lowSignal(opts.why, facts) : METRIC_EVIDENCE[lang].measured(facts);
    const toImprove = [...this.toImprove];
    if (!toImprove.length && (lowSignal || this.score < 60)) toImprove.push(opts.tip);
    return {
      code: this.code,
      score: Math.round(clamp(this.score)),
      wentWell: [...this.wentWell],
      toImprove,
      evidence,
      atSeconds: this.atSeconds,
      source: 'rules',
      lowSignal,
    };
  }
}

export const tip = (code: CreativeMetricCode, lang: Lang) => METRIC_TIPS[code][lang === 'pt' ? 1 : 0];

export const hasSpeech = (t: Transcript) => t.available && wordCount(t) > 0;
export const firstSpoken = (t: Transcript): number | null => (t.available ? (t.firstSpokenAt ?? t.segments[0]?.start ?? null) : null);
export const words = (hits: Heard[]) => [...new Set(hits.map((h) => `"${h.phrase}"`))].slice(0, 4).join(', ');
export const noTranscriptWhy = (t: Transcript, lang: Lang) =>
  t.available ? METRIC_EVIDENCE[lang].noWords : METRIC_EVIDENCE[lang].noTranscript(t.reason);

/** Where the given brand was first heard, if it was. */
export function brandHeard(f: Pick<MetricFacts, 'transcript' | 'options'>): Heard | null {
  const brand = f.options.brand ? normalizeText(f.options.brand) : '';
  if (!brand) return null;
  return findPhrases(f.transcript, [brand])[0] ?? null;
}

export function span(s: TimeSegment, lang: Lang): string {
  const n = (x: number) => (lang === 'pt' ? x.toFixed(1).replace('.', ',') : x.toFixed(1));
  return `${n(s.start)}–${n(s.end)} s`;
}

export function total(segments: TimeSegment[]): number {
  return segments.reduce((n, s) => n + Math.max(0, s.end - s.start), 0);
}

export function coefficientOfVariation(xs: number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (mean <= 0) return 0;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return Math.sqrt(variance) / mean;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
