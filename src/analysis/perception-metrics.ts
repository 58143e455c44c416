// The offline metrics, moved by what was seen (pure): a face or text in the hook, the brand or
// product words on screen, an on-screen CTA, people (community), burned-in captions. Applied after
// ./metrics.ts; a metric a signal moved is no longer "low signal", and its evidence says what was seen.
import type { Lang } from './i18n.js';
import type { CreativeMetric } from './ports.js';
import type { CreativeMetricCode } from '../domain/metrics.js';
import { seenSummary, type PerceptionFindingFacts } from './perception-rules.js';
import { clamp } from './scoring.js';

/** Points a seen signal moves a metric (the same scale as METRIC_RULES in ./metrics.ts). */
export const SEEN_STEPS = {
  hook: { faceInHook: 10, textInHook: 5, nothingInHook: -5 },
  product: { brandOnScreen: 15, brandEarly: 5, productWords: 8 },
  cta: { onScreen: 20, alsoSaid: 5 },
  community: { person: 10, group: 5 },
  /** Burned-in captions count as captions: on at least 2 sampled frames. */
  audio: { burnedInCaptions: 10, minCaptionFrames: 2 },
} as const;

const T = (lang: Lang, en: string, pt: string) => (lang === 'pt' ? pt : en);
const q = (t: string) => `"${t.length > 40 ? `${t.slice(0, 39)}…` : t}"`;

export function applySeen(metrics: CreativeMetric[], f: PerceptionFindingFacts, lang: Lang): CreativeMetric[] {
  const s = seenSummary(f);
  if (!s.textMeasured && !s.peopleMeasured) return metrics;
  const moves = new Map<CreativeMetricCode, Array<{ delta: number; good: string | null; bad: string | null; fact: string; at: number | null }>>();
  const move = (code: CreativeMetricCode, delta: number, text: string, fact: string, at: number | null) =>
    moves.set(code, [...(moves.get(code) ?? []), { delta, good: delta >= 0 ? text : null, bad: delta < 0 ? text : null, fact, at }]);
  const S = SEEN_STEPS;

  if (s.hookFace) move('HOOK', S.hook.faceInHook, T(lang, `A face on screen at ${s.hookFace.atSeconds.toFixed(1)} s holds the opening.`, `Um rosto na tela em ${s.hookFace.atSeconds.toFixed(1)} s segura a abertura.`), T(lang, 'face in the hook', 'rosto no gancho'), s.hookFace.atSeconds);
  if (s.hookLine && s.textMeasured) move('HOOK', S.hook.textInHook, T(lang, `Text in the hook: ${q(s.hookLine.line.text)}.`, `Texto no gancho: ${q(s.hookLine.line.text)}.`), T(lang, 'text in the hook', 'texto no gancho'), s.hookLine.frame.atSeconds);
  if (!s.hookFace && !s.hookLine && s.textMeasured && s.peopleMeasured) move('HOOK', S.hook.nothingInHook, T(lang, 'No face and no text in the first 3 s: open on a face or a bold line.', 'Nenhum rosto e nenhum texto nos 3 primeiros segundos: abra com um rosto ou uma frase forte.'), T(lang, 'nothing seen in the hook', 'nada visto no gancho'), 0);

  if (s.brand) {
    move('PRODUCT_FOCUS', S.product.brandOnScreen, T(lang, `Brand on screen: ${q(s.brand.line.text)} at ${s.brand.frame.atSeconds.toFixed(1)} s.`, `Marca na tela: ${q(s.brand.line.text)} em ${s.brand.frame.atSeconds.toFixed(1)} s.`), T(lang, 'brand on screen', 'marca na tela'), s.brand.frame.atSeconds);
    if (s.brand.frame.atSeconds < 5) move('PRODUCT_FOCUS', S.product.brandEarly, T(lang, 'The brand is shown within the first 5 s.', 'A marca aparece nos primeiros 5 s.'), T(lang, 'brand shown early', 'marca mostrada cedo'), s.brand.frame.atSeconds);
  }
  if (s.productLine) move('PRODUCT_FOCUS', S.product.productWords, T(lang, `Product words on screen: ${q(s.productLine.line.text)}.`, `Palavras de produto na tela: ${q(s.productLine.line.text)}.`), T(lang, 'product words on screen', 'palavras de produto na tela'), s.productLine.frame.atSeconds);

  if (s.cta) {
    const said = metrics.find((m) => m.code === 'CALL_TO_ACTION')?.wentWell.length;
    move('CALL_TO_ACTION', said ? S.cta.alsoSaid : S.cta.onScreen, T(lang, `Call to action on screen: ${q(s.cta.line.text)} at ${s.cta.frame.atSeconds.toFixed(1)} s.`, `Chamada para ação na tela: ${q(s.cta.line.text)} em ${s.cta.frame.atSeconds.toFixed(1)} s.`), T(lang, 'CTA on screen', 'CTA na tela'), s.cta.frame.atSeconds);
  }

  if (s.firstPerson) {
    move('COMMUNITY', S.community.person, T(lang, `People on screen from ${s.firstPerson.atSeconds.toFixed(1)} s.`, `Pessoas na tela a partir de ${s.firstPerson.atSeconds.toFixed(1)} s.`), T(lang, `up to ${s.maxPeople} person(s) in a frame`, `até ${s.maxPeople} pessoa(s) em um quadro`), s.firstPerson.atSeconds);
    if (s.maxPeople >= 2) move('COMMUNITY', S.community.group, T(lang, 'Several people together on screen.', 'Várias pessoas juntas na tela.'), T(lang, 'a group on screen', 'um grupo na tela'), null);
  }

  if (s.captionFrames >= S.audio.minCaptionFrames && !f.transcript.captions?.present) {
    move('AUDIO_VOICE_SUBTITLES', S.audio.burnedInCaptions, T(lang, `Burned-in captions on ${s.captionFrames} sampled frames, for sound-off viewing.`, `Legendas na imagem em ${s.captionFrames} quadros amostrados, para quem assiste sem som.`), T(lang, 'burned-in captions', 'legendas na imagem'), null);
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
      toImprove: [...m.toImprove.filter((t) => !/without a model|sem um modelo|pedem um modelo|needs? a model/i.test(t)), ...ms.flatMap((x) => (x.bad ? [x.bad] : []))],
      evidence: `${T(lang, 'Seen on screen', 'Visto na tela')}: ${facts}. ${m.evidence}`,
      atSeconds: m.atSeconds ?? ms.find((x) => x.at !== null)?.at ?? null,
      lowSignal: false,
    };
  });
}
