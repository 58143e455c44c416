// Audience fit from measured form, without a model: pacing (average shot), length, aspect ratio,
// target platforms and speech rate. Heuristics, documented as data: each rule is a condition on
// the facts and the points it moves a neutral 50. They encode common platform guidance rather than
// research on each generation: younger viewers live in vertical, sound-on, fast-cut feeds (TikTok,
// Reels, Shorts); older viewers watch more on YouTube and the Facebook feed, in landscape or square,
// and follow slower cuts and slower speech better. A model that watches the video replaces these.
import type { MediaAnalysis, MediaProbe } from '../domain/media.js';
import { Audience, Platform } from '../domain/model.js';
import { AUDIENCE_LABELS, type Lang } from './i18n.js';
import type { AudienceScore } from './ports.js';
import type { Transcript } from '../domain/transcript.js';
import { NEUTRAL_SCORE } from './scoring-config.js';
import { clamp } from './scoring.js';

export interface AudienceFacts {
  media: MediaProbe;
  analysis: MediaAnalysis | null | undefined;
  transcript: Transcript;
  platforms: readonly Platform[];
}

interface Derived {
  /** width / height; null without video. */
  aspect: number | null;
  duration: number | null;
  averageShot: number | null;
  wpm: number | null;
  platforms: readonly Platform[];
}

type Fact = 'format' | 'pacing' | 'length' | 'platforms' | 'speechRate';
const FACT_LABELS: Record<Fact, [string, string]> = {
  format: ['format', 'formato'],
  pacing: ['pacing', 'ritmo'],
  length: ['length', 'duração'],
  platforms: ['platforms', 'plataformas'],
  speechRate: ['speech rate', 'velocidade da fala'],
};

interface AudienceRule {
  /** The fact it reads. */
  fact: Fact;
  /** true: applies; false: does not; null: its fact was not measured. */
  when: (d: Derived) => boolean | null;
  points: number;
  /** Why, in the reasoning. */
  reason: [en: string, pt: string];
  /** What to change, for rules that cost points. */
  advice?: [en: string, pt: string];
}

const VERTICAL_FEEDS = [Platform.TIKTOK, Platform.META_REELS, Platform.META_STORIES, Platform.YOUTUBE_SHORTS, Platform.SNAPCHAT];
const isVertical = (d: Derived) => (d.aspect === null ? null : d.aspect < 0.9);
const isWide = (d: Derived) => (d.aspect === null ? null : d.aspect >= 0.9);
const shot = (test: (s: number) => boolean) => (d: Derived) => (d.averageShot === null ? null : test(d.averageShot));
const length = (test: (s: number) => boolean) => (d: Derived) => (d.duration === null ? null : test(d.duration));
const targets = (ps: Platform[]) => (d: Derived) => d.platforms.some((p) => ps.includes(p));
const onlyTargets = (ps: Platform[]) => (d: Derived) => d.platforms.length > 0 && d.platforms.every((p) => ps.includes(p));

export const AUDIENCE_RULES: Record<Audience, AudienceRule[]> = {
  [Audience.GEN_Z]: [
    {
      fact: 'format',
      when: isVertical,
      points: 15,
      reason: ['vertical, as in the feeds Gen Z watches', 'vertical, como nos feeds que a Geração Z assiste'],
    },
    {
      fact: 'format',
      when: isWide,
      points: -15,
      reason: ['not vertical', 'não é vertical'],
      advice: ['Cut a 9:16 version for TikTok, Reels and Shorts.', 'Faça uma versão 9:16 para TikTok, Reels e Shorts.'],
    },
    { fact: 'pacing', when: shot((s) => s <= 2), points: 15, reason: ['fast cuts (≤ 2 s a shot)', 'cortes rápidos (≤ 2 s por plano)'] },
    {
      fact: 'pacing',
      when: shot((s) => s > 4),
      points: -15,
      reason: ['slow cuts (> 4 s a shot)', 'cortes lentos (> 4 s por plano)'],
      advice: ['Cut faster: about one shot every 1–2 s.', 'Corte mais rápido: cerca de um plano a cada 1–2 s.'],
    },
    { fact: 'length', when: length((s) => s <= 15), points: 10, reason: ['short (≤ 15 s)', 'curto (≤ 15 s)'] },
    {
      fact: 'length',
      when: length((s) => s > 30),
      points: -10,
      reason: ['long (> 30 s)', 'longo (> 30 s)'],
      advice: ['Make a cut-down of 15 s or less.', 'Faça uma versão de 15 s ou menos.'],
    },
    { fact: 'platforms', when: targets(VERTICAL_FEEDS), points: 5, reason: ['runs on vertical feeds', 'roda em feeds verticais'] },
  ],
  [Audience.MILLENNIALS]: [
    {
      fact: 'format',
      when: (d) => (d.aspect === null ? null : d.aspect <= 1.05),
      points: 5,
      reason: ['vertical or square, mobile-first', 'vertical ou quadrado, pensado para o celular'],
    },
    { fact: 'pacing', when: shot((s) => s <= 3), points: 10, reason: ['brisk pacing (≤ 3 s a shot)', 'ritmo ágil (≤ 3 s por plano)'] },
    {
      fact: 'pacing',
      when: shot((s) => s > 5),
      points: -10,
      reason: ['slow pacing (> 5 s a shot)', 'ritmo lento (> 5 s por plano)'],
      advice: ['Tighten the edit to about 2–3 s a shot.', 'Enxugue a edição para cerca de 2–3 s por plano.'],
    },
    { fact: 'length', when: length((s) => s <= 30), points: 10, reason: ['30 s or less', '30 s ou menos'] },
    {
      fact: 'length',
      when: length((s) => s > 60),
      points: -10,
      reason: ['over a minute', 'mais de um minuto'],
      advice: ['Keep the main cut under 30 s.', 'Mantenha a versão principal abaixo de 30 s.'],
    },
    {
      fact: 'platforms',
      when: targets([Platform.META_FEED, Platform.META_REELS, Platform.META_STORIES, Platform.YOUTUBE, Platform.YOUTUBE_SHORTS]),
      points: 5,
      reason: ['runs on Instagram, Facebook or YouTube', 'roda no Instagram, Facebook ou YouTube'],
    },
  ],
  [Audience.GEN_X]: [
    {
      fact: 'pacing',
      when: shot((s) => s >= 2 && s <= 5),
      points: 10,
      reason: ['measured pacing (2–5 s a shot)', 'ritmo moderado (2–5 s por plano)'],
    },
    {
      fact: 'pacing',
      when: shot((s) => s < 1),
      points: -5,
      reason: ['very fast cuts (< 1 s a shot)', 'cortes muito rápidos (< 1 s por plano)'],
      advice: ['Hold key shots (product, offer) for 2 s or more.', 'Segure os planos principais (produto, oferta) por 2 s ou mais.'],
    },
    {
      fact: 'length',
      when: length((s) => s >= 15 && s <= 60),
      points: 10,
      reason: ['15–60 s, room to explain', '15–60 s, espaço para explicar'],
    },
    {
      fact: 'length',
      when: length((s) => s < 6),
      points: -5,
      reason: ['under 6 s', 'menos de 6 s'],
      advice: ['Add a 15–30 s version that explains the offer.', 'Adicione uma versão de 15–30 s que explique a oferta.'],
    },
    {
      fact: 'platforms',
      when: targets([Platform.META_FEED, Platform.YOUTUBE, Platform.LINKEDIN]),
      points: 10,
      reason: ['runs on the Facebook feed, YouTube or LinkedIn', 'roda no feed do Facebook, YouTube ou LinkedIn'],
    },
    { fact: 'format', when: isWide, points: 5, reason: ['landscape or square', 'horizontal ou quadrado'] },
  ],
  [Audience.BOOMERS]: [
    { fact: 'pacing', when: shot((s) => s >= 3), points: 15, reason: ['calm pacing (≥ 3 s a shot)', 'ritmo calmo (≥ 3 s por plano)'] },
    {
      fact: 'pacing',
      when: shot((s) => s < 1.5),
      points: -15,
      reason: ['fast cuts (< 1.5 s a shot)', 'cortes rápidos (< 1,5 s por plano)'],
      advice: [
        'Slow the edit down: 3 s or more per shot, and hold the offer on screen.',
        'Desacelere a edição: 3 s ou mais por plano, e segure a oferta na tela.',
      ],
    },
    {
      fact: 'length',
      when: length((s) => s >= 15 && s <= 90),
      points: 10,
      reason: ['15–90 s, time to follow', '15–90 s, tempo para acompanhar'],
    },
    { fact: 'format', when: isWide, points: 5, reason: ['landscape or square', 'horizontal ou quadrado'] },
    {
      fact: 'platforms',
      when: targets([Platform.YOUTUBE, Platform.META_FEED]),
      points: 10,
      reason: ['runs on YouTube or the Facebook feed', 'roda no YouTube ou no feed do Facebook'],
    },
    {
      fact: 'platforms',
      when: onlyTargets([Platform.TIKTOK, Platform.SNAPCHAT]),
      points: -10,
      reason: ['only on TikTok or Snapchat', 'só no TikTok ou Snapchat'],
      advice: ['Also run it on YouTube or the Facebook feed.', 'Veicule também no YouTube ou no feed do Facebook.'],
    },
    {
      fact: 'speechRate',
      when: (d) => (d.wpm === null ? null : d.wpm > 180),
      points: -10,
      reason: ['fast speech (> 180 words/min)', 'fala rápida (> 180 palavras/min)'],
      advice: ['Slow the voice-over to about 150 words a minute.', 'Desacelere a locução para cerca de 150 palavras por minuto.'],
    },
  ],
};

function derive(f: AudienceFacts): Derived {
  const v = f.media.video;
  return {
    aspect: v ? v.aspectRatio : null,
    duration: f.media.durationSeconds ?? f.analysis?.durationSeconds ?? null,
    averageShot: f.analysis?.averageShotSeconds ?? null,
    wpm: f.transcript.available ? (f.transcript.wordsPerMinute ?? null) : null,
    platforms: f.platforms,
  };
}

/** Rules that applied to this audience, and the ones whose facts were missing. */
function evaluate(audience: Audience, d: Derived) {
  const applied: AudienceRule[] = [];
  const unmeasured = new Set<Fact>();
  for (const r of AUDIENCE_RULES[audience]) {
    const w = r.when(d);
    if (w === null) unmeasured.add(r.fact);
    else if (w) applied.push(r);
  }
  return { applied, unmeasured: [...unmeasured] };
}

/** Scores for the requested audiences (all four when none are), in the order asked. */
export function ruleAudienceScores(f: AudienceFacts, audiences: readonly Audience[] | undefined, lang: Lang): AudienceScore[] {
  const d = derive(f);
  const list = audiences?.length ? audiences : Object.values(Audience);
  const i = lang === 'pt' ? 1 : 0;
  return list.map((audience) => {
    const { applied, unmeasured } = evaluate(audience, d);
    const score = Math.round(clamp(NEUTRAL_SCORE + applied.reduce((n, r) => n + r.points, 0)));
    const plus = applied.filter((r) => r.points > 0).map((r) => r.reason[i]);
    const minus = applied.filter((r) => r.points < 0).map((r) => r.reason[i]);
    const parts = [
      plus.length ? (lang === 'pt' ? `a favor: ${plus.join(', ')}` : `for: ${plus.join(', ')}`) : '',
      minus.length ? (lang === 'pt' ? `contra: ${minus.join(', ')}` : `against: ${minus.join(', ')}`) : '',
    ].filter(Boolean);
    const head =
      lang === 'pt'
        ? `Por regras (ritmo, duração, formato, plataformas) para ${AUDIENCE_LABELS.pt[audience]}`
        : `Rule-based (pacing, length, format, platforms) for ${AUDIENCE_LABELS.en[audience]}`;
    const body = parts.length
      ? parts.join('; ')
      : lang === 'pt'
        ? 'nenhum sinal medido, pontuação neutra'
        : 'no measured signal, neutral score';
    const missing = unmeasured.map((f) => FACT_LABELS[f][i]).join(', ');
    const tail = missing ? (lang === 'pt' ? ` (sem medição: ${missing})` : ` (not measured: ${missing})`) : '';
    return { audience, score, reasoning: `${head}: ${body}${tail}.`, source: 'rules' as const };
  });
}

/** What would lift this audience's fit: the advice of the rules that cost points. */
export function audienceAdvice(f: AudienceFacts, audience: Audience, lang: Lang): string[] {
  const { applied } = evaluate(audience, derive(f));
  return applied.filter((r) => r.points < 0 && r.advice).map((r) => r.advice![lang === 'pt' ? 1 : 0]);
}
