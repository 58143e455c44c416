// The English and Portuguese text of the template recommendations and the rule-based summary
// (../recommendations.ts decides which apply, ranks and groups them). Copy only: no decisions here.
import { Audience, Platform } from '../../domain/model.js';
import type { Lang } from '../i18n.js';
import { PLATFORM_CREATIVE_FACTS, PLATFORM_SPECS, type PlatformCreativeFacts } from '../platforms.js';
import type { DetectedIssue } from '../ports.js';

const T = (lang: Lang, en: string, pt: string) => (lang === 'pt' ? pt : en);

/** The text of one detected issue's recommendation. */
export type IssueTemplate = (i: DetectedIssue, ctx: { lang: Lang; platforms: string }) => string;

export const platformList = (ps: readonly string[], fallback: string) =>
  ps.length ? ps.map((p) => PLATFORM_SPECS[p as Platform]?.label ?? p).join(', ') : fallback;

export const ISSUE_TEMPLATES: Record<string, IssueTemplate> = {
  HORIZONTAL_ON_VERTICAL: (i, { lang, platforms }) =>
    T(
      lang,
      `Deliver a 9:16 cut for ${platforms}: the ${i.evidence.replace(/^display /, '')} frame plays small and letterboxed in a full-screen vertical feed.`,
      `Entregue uma versão 9:16 para ${platforms}: o quadro ${i.evidence.replace(/^display /, '')} aparece pequeno e com tarjas no feed vertical em tela cheia.`,
    ),
  ASPECT_RATIO_MISMATCH: (i, { lang, platforms }) =>
    T(
      lang,
      `Export a native aspect ratio for ${platforms} (${i.evidence.replace(/^display /, '')} is cropped or letterboxed there).`,
      `Exporte na proporção nativa de ${platforms} (${i.evidence.replace(/^display /, '')} é cortado ou ganha tarjas lá).`,
    ),
  RESOLUTION_BELOW_SPEC: (i, { lang, platforms }) =>
    T(
      lang,
      `Re-export from the source at 1080×1920 (or at least the minimum of ${platforms}); now ${i.evidence.replace(/^display /, '')}.`,
      `Reexporte do original em 1080×1920 (ou ao menos o mínimo de ${platforms}); hoje ${i.evidence.replace(/^display /, '')}.`,
    ),
  DURATION_OUT_OF_SPEC: (i, { lang, platforms }) =>
    T(
      lang,
      `Edit to fit the length limits of ${platforms} (now ${i.evidence.replace(/^duration /, '')}).`,
      `Edite para caber nos limites de duração de ${platforms} (hoje ${i.evidence.replace(/^duration /, '')}).`,
    ),
  NO_AUDIO_STREAM: (_i, { lang }) =>
    T(
      lang,
      'Add a sound track (music and a voice-over): sound-on placements play nothing now.',
      'Adicione uma trilha (música e locução): posicionamentos com som não tocam nada hoje.',
    ),
  LOUDNESS_SILENT: (_i, { lang }) =>
    T(lang, 'The sound track is silent: mix in music and a voice-over.', 'A trilha está muda: mixe música e locução.'),
  LOUDNESS_TOO_QUIET: (i, { lang, platforms }) =>
    T(
      lang,
      `Normalise the mix to about −14 LUFS integrated (now ${i.evidence.replace(/^integrated /, '')}) so it plays as loud as the rest of ${platforms}.`,
      `Normalize a mixagem para cerca de −14 LUFS integrados (hoje ${i.evidence.replace(/^integrated /, '')}) para tocar tão alto quanto o resto de ${platforms}.`,
    ),
  LOUDNESS_TOO_LOUD: (i, { lang }) =>
    T(
      lang,
      `Bring the mix down to about −14 LUFS (now ${i.evidence.replace(/^integrated /, '')}) and ease the limiter: the platform turns it down anyway.`,
      `Abaixe a mixagem para cerca de −14 LUFS (hoje ${i.evidence.replace(/^integrated /, '')}) e alivie o limitador: a plataforma abaixa de qualquer jeito.`,
    ),
  LOUDNESS_SHORT_TERM_OVER: (i, { lang }) =>
    T(
      lang,
      `Tame the loudest passage (${i.evidence}): keep short-term loudness under −18 LUFS for broadcast.`,
      `Controle o trecho mais alto (${i.evidence}): mantenha o loudness de curto prazo abaixo de −18 LUFS para TV.`,
    ),
  LOUDNESS_TRUE_PEAK_OVER: (i, { lang }) =>
    T(
      lang,
      `Limit true peaks to −1 dBTP (${i.evidence}) so re-encoding does not clip.`,
      `Limite os picos reais a −1 dBTP (${i.evidence}) para a recodificação não distorcer.`,
    ),
  SAFE_ZONE_VIOLATION: (i, { lang, platforms }) =>
    T(
      lang,
      `Move text and key elements inside the safe zone of ${platforms}: ${i.detail}`,
      `Leve textos e elementos importantes para dentro da zona segura de ${platforms}: ${i.detail}`,
    ),
  SUBTITLE_POSITION: (i, { lang, platforms }) =>
    T(
      lang,
      `Raise the subtitles above the interface of ${platforms}: ${i.detail}`,
      `Suba as legendas para acima da interface de ${platforms}: ${i.detail}`,
    ),
  HOOK_CTA_TOO_LONG: (i, { lang }) => {
    const limits = i.platforms
      .map((p) => PLATFORM_CREATIVE_FACTS[p as Platform])
      .filter(Boolean)
      .map((f, k) => `${PLATFORM_SPECS[i.platforms[k] as Platform].label} ${f.hookChars ?? '∞'}/${f.ctaChars ?? '∞'}`)
      .join(', ');
    return T(
      lang,
      `Shorten the on-screen hook and CTA text${limits ? ` (hook/CTA limits: ${limits})` : ''}: ${i.detail}`,
      `Encurte o texto do gancho e do CTA na tela${limits ? ` (limites gancho/CTA: ${limits})` : ''}: ${i.detail}`,
    );
  },
  SMALL_SUBTITLES: (i, { lang }) =>
    T(
      lang,
      `Enlarge the subtitles to be readable on a phone: ${i.detail}`,
      `Aumente as legendas para serem legíveis no celular: ${i.detail}`,
    ),
  AD_POLICY: (i, { lang }) =>
    T(
      lang,
      `Review against the platform ad policies before publishing: ${i.detail}`,
      `Revise segundo as políticas de anúncios das plataformas antes de publicar: ${i.detail}`,
    ),
  FAKE_CONTENT: (i, { lang }) =>
    T(
      lang,
      `Remove or substantiate what reads as fake or misleading: ${i.detail}`,
      `Remova ou comprove o que parece falso ou enganoso: ${i.detail}`,
    ),
};

export const AUDIENCE_GENERIC: Record<Audience, [string, string]> = {
  [Audience.GEN_Z]: [
    'Keep it creator-style: vertical, sound-on, fast cuts, captions and a face early.',
    'Mantenha o estilo de criador: vertical, com som, cortes rápidos, legendas e um rosto logo no início.',
  ],
  [Audience.MILLENNIALS]: [
    'Lead with the practical benefit and show social proof (reviews, real customers).',
    'Comece pelo benefício prático e mostre prova social (avaliações, clientes reais).',
  ],
  [Audience.GEN_X]: ['Be direct about the value and the price; skip the hype.', 'Seja direto sobre o valor e o preço; evite exageros.'],
  [Audience.BOOMERS]: [
    'Keep text large, speech unhurried and the offer on screen long enough to read.',
    'Use texto grande, fala sem pressa e a oferta na tela por tempo suficiente para ler.',
  ],
};

/** The rest of the recommendation and summary text, per language. */
export interface RecommendationCopy {
  targetPlatforms: string;
  deliver(label: string, aspect: string, minWidth: number, minHeight: number): string;
  idealLength(from: number, to: number): string;
  safeZone(z: NonNullable<PlatformCreativeFacts['safeZone']>): string;
  hookChars(n: number): string;
  ctaChars(n: number): string;
  and: string;
  fixFirst(codes: string): string;
  score(score: number, grade: string): string;
  strongestWeakest(best: string, bestScore: number, worst: string, worstScore: number): string;
  penalised(kinds: number, points: number): string;
  noPenalty: string;
  firstChange(text: string): string;
  ruleBased: string;
  general: string;
  allPlatforms: string;
}

export const RECOMMENDATION_COPY: Record<Lang, RecommendationCopy> = {
  en: {
    targetPlatforms: 'the target platforms',
    deliver: (label, aspect, w, h) => `For ${label}: deliver ${aspect} (at least ${w}×${h})`,
    idealLength: (from, to) => `${from}–${to} s works best`,
    safeZone: (z) =>
      `keep text ${z.top}${z.unit} from the top and ${z.bottom}${z.unit} from the bottom` +
      `${z.left || z.right ? `, ${z.left}${z.unit} left and ${z.right}${z.unit} right` : ''} (on 1080×1920)`,
    hookChars: (n) => `hook text ≤ ${n}`,
    ctaChars: (n) => `CTA text ≤ ${n} characters`,
    and: ' and ',
    fixFirst: (codes) => `Fix first: ${codes}.`,
    score: (score, grade) => `Score ${score}/100 (${grade}).`,
    strongestWeakest: (best, bs, worst, ws) => `Strongest: ${best} (${bs}); weakest: ${worst} (${ws}).`,
    penalised: (kinds, points) => `${kinds} issue kind(s) cost ${points} point(s).`,
    noPenalty: 'No penalised issue found.',
    firstChange: (text) => `First change: ${text}`,
    ruleBased: 'Rule-based analysis: metrics are estimated from measured signals (cuts, sound, speech), not judged by a model.',
    general: 'General',
    allPlatforms: 'All platforms',
  },
  pt: {
    targetPlatforms: 'as plataformas de destino',
    deliver: (label, aspect, w, h) => `Para ${label}: entregue ${aspect} (no mínimo ${w}×${h})`,
    idealLength: (from, to) => `${from}–${to} s funciona melhor`,
    safeZone: (z) =>
      `deixe o texto a ${z.top}${z.unit} do topo e ${z.bottom}${z.unit} da base` +
      `${z.left || z.right ? `, ${z.left}${z.unit} à esquerda e ${z.right}${z.unit} à direita` : ''} (em 1080×1920)`,
    hookChars: (n) => `texto do gancho ≤ ${n}`,
    ctaChars: (n) => `texto do CTA ≤ ${n} caracteres`,
    and: ' e ',
    fixFirst: (codes) => `Corrija primeiro: ${codes}.`,
    score: (score, grade) => `Pontuação ${score}/100 (${grade}).`,
    strongestWeakest: (best, bs, worst, ws) => `Ponto mais forte: ${best} (${bs}); mais fraco: ${worst} (${ws}).`,
    penalised: (kinds, points) => `${kinds} tipo(s) de problema custam ${points} ponto(s).`,
    noPenalty: 'Nenhum problema com penalidade encontrado.',
    firstChange: (text) => `Primeira mudança: ${text}`,
    ruleBased: 'Análise por regras: as métricas são estimadas a partir de sinais medidos (cortes, som, fala), sem julgamento de um modelo.',
    general: 'Geral',
    allPlatforms: 'Todas as plataformas',
  },
};
