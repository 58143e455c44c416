// The offline metrics, moved by what was seen (pure): a face or text in the hook, the brand or
// product words on screen, an on-screen CTA, people (community), burned-in captions. Applied after
// ./metrics.ts; a metric a signal moved is no longer "low signal", and its evidence says what was seen.
import type { Lang } from './i18n.js';
import type { CreativeMetric } from './ports.js';
import type { CreativeMetricCode } from '../domain/metrics.js';
import { seenSummary, type PerceptionFindingFacts } from './perception-rules.js';
import { clamp } from './scoring.js';
import { SEEN_SIGNAL_COPY } from './copy/perception-metrics.js';

/** Points a seen signal moves a metric (the same scale as METRIC_RULES in ./metrics.ts). */
export const SEEN_STEPS = {
  hook: { faceInHook: 10, textInHook: 5, nothingInHook: -5 },
  product: { brandOnScreen: 15, brandEarly: 5, productWords: 8 },
  cta: { onScreen: 20, alsoSaid: 5 },
  community: { person: 10, group: 5 },
  /** Burned-in captions count as captions: on at least 2 sampled frames. */
  audio: { burnedInCaptions: 10, minCaptionFrames: 2 },
} as const;

const q = (t: string) => `"${t.length > 40 ? `${t.slice(0, 39)}…` : t}"`;

export function applySeen(metrics: CreativeMetric[], f: PerceptionFindingFacts, lang: Lang): CreativeMetric[] {
  const say = SEEN_SIGNAL_COPY[lang];
  const s = seenSummary(f);
  if (!s.textMeasured && !s.peopleMeasured) return metrics;
  const moves = new Map<
    CreativeMetricCode,
    Array<{ delta: number; good: string | null; bad: string | null; fact: string; at: number | null }>
  >();
  const move = (code: CreativeMetricCode, delta: number, text: string, fact: string, at: number | null) =>
    moves.set(code, [...(moves.get(code) ?? []), { delta, good: delta >= 0 ? text : null, bad: delta < 0 ? text : null, fact, at }]);
  const S = SEEN_STEPS;

  if (s.hookFace)
    move('HOOK', S.hook.faceInHook, say.faceOnScreenAtHolds(s.hookFace.atSeconds.toFixed(1)), say.faceInHook, s.hookFace.atSeconds);
  if (s.hookLine && s.textMeasured)
    move('HOOK', S.hook.textInHook, say.textInHook(q(s.hookLine.line.text)), say.textInHookFact, s.hookLine.frame.atSeconds);
  if (!s.hookFace && !s.hookLine && s.textMeasured && s.peopleMeasured)
    move('HOOK', S.hook.nothingInHook, say.noFaceAndNoText, say.nothingSeenInHook, 0);

  if (s.brand) {
    move(
      'PRODUCT_FOCUS',
      S.product.brandOnScreen,
      say.brandOnScreenAt(q(s.brand.line.text), s.brand.frame.atSeconds.toFixed(1)),
      say.brandOnScreen,
      s.brand.frame.atSeconds,
    );
    if (s.brand.frame.atSeconds < 5)
      move('PRODUCT_FOCUS', S.product.brandEarly, say.brandIsShownWithinFirst, say.brandShownEarly, s.brand.frame.atSeconds);
  }
  if (s.productLine)
    move(
      'PRODUCT_FOCUS',
      S.product.productWords,
      say.productWordsOnScreen(q(s.productLine.line.text)),
      say.productWordsOnScreenFact,
      s.productLine.frame.atSeconds,
    );

  if (s.cta) {
    const said = metrics.find((m) => m.code === 'CALL_TO_ACTION')?.wentWell.length;
    move(
      'CALL_TO_ACTION',
      said ? S.cta.alsoSaid : S.cta.onScreen,
      say.callToActionOnScreen(q(s.cta.line.text), s.cta.frame.atSeconds.toFixed(1)),
      say.ctaOnScreen,
      s.cta.frame.atSeconds,
    );
  }

  if (s.firstPerson) {
    move(
      'COMMUNITY',
      S.community.person,
      say.peopleOnScreenFrom(s.firstPerson.atSeconds.toFixed(1)),
      say.upToPersonInFrame(s.maxPeople),
      s.firstPerson.atSeconds,
    );
    if (s.maxPeople >= 2) move('COMMUNITY', S.community.group, say.severalPeopleTogetherOnScreen, say.groupOnScreen, null);
  }

  if (s.captionFrames >= S.audio.minCaptionFrames && !f.transcript.captions?.present) {
    move('AUDIO_VOICE_SUBTITLES', S.audio.burnedInCaptions, say.burnedInCaptionsOnSampled(s.captionFrames), say.burnedInCaptions, null);
  }

  return metrics.map((m) => {
    const ms = moves.get(m.code);
    if (!ms) return m;
    const facts = ms.map((x) => x.fact).join('; ');
    return {
      ...m,
      score: Math.round(clamp(m.score + ms.reduce((n, x) => n + x.delta, 0))),
      wentWell: [...m.wentWell, ...ms.flatMap((x) => (x.good ? [x.good] : []))],
      // A seen signal answers the "not read without a model" tip the rules gave.
      toImprove: [
        ...m.toImprove.filter((t) => !/without a model|sem um modelo|pedem um modelo|needs? a model/i.test(t)),
        ...ms.flatMap((x) => (x.bad ? [x.bad] : [])),
      ],
      evidence: `${say.seenOnScreen}: ${facts}. ${m.evidence}`,
      atSeconds: m.atSeconds ?? ms.find((x) => x.at !== null)?.at ?? null,
      lowSignal: false,
    };
  });
}
