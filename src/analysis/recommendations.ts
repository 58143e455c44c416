// Recommendations: template actions in English and Portuguese from an analysis (the offline
// recommender), and the one step every engine's answer goes through before it is stored: each
// action gets a severity, an impact and an effort, a category of METRIC, ISSUE, PLATFORM or
// AUDIENCE, a rank (priority 1 = do first) and a "0:03" label; then grouped views by metric, issue,
// platform and audience. Pure.
import type { MediaAnalysis, MediaProbe } from '../domain/media.js';
import { Audience, Platform, type AnalysisOptions } from '../domain/model.js';
import { audienceAdvice } from './audiences.js';
import { afterPrefix, atPrefix, AUDIENCE_LABELS, METRIC_TITLES, timestampLabel, type Lang } from './i18n.js';
import { DEFAULT_PLATFORMS, PLATFORM_CREATIVE_FACTS, PLATFORM_SPECS } from './platforms.js';
import type { AudienceScore, CreativeAnalysis, CreativeMetric, CreativeMetricCode, DetectedIssue, FindingSource, Level, Recommendation } from './ports.js';
import type { Transcript } from '../domain/transcript.js';
import { METRIC_CODES, METRIC_WEIGHTS } from './scoring-config.js';
import { scoreFrom } from './scoring.js';

export type ActionCategory = 'METRIC' | 'ISSUE' | 'PLATFORM' | 'AUDIENCE';

/** A recommendation as stored in the result. */
export interface RankedRecommendation {
  /** Rank, 1 = do first. */
  priority: number;
  severity: Level;
  /** How much the score or reach moves when it is done. */
  impact: Level;
  /** How much work it is: LOW a re-export or remix, MEDIUM a re-edit, HIGH new footage or a rewrite. */
  effort: Level;
  category: ActionCategory;
  target: string | null;
  text: string;
  atSeconds: number | null;
  timestampLabel: string | null;
  source: FindingSource;
}

const LEVEL = { LOW: 1, MEDIUM: 2, HIGH: 3 } as const;
const CATEGORY_ORDER: Record<ActionCategory, number> = { ISSUE: 0, METRIC: 1, PLATFORM: 2, AUDIENCE: 3 };
const T = (lang: Lang, en: string, pt: string) => (lang === 'pt' ? pt : en);

/** Which metric (or the platform group) a check's fix belongs to; the model may still answer CHECK. */
export function checkCategory(code: string): { category: 'METRIC'; target: CreativeMetricCode } | { category: 'PLATFORM'; target: null } {
  if (code.startsWith('PLATFORM_')) return { category: 'PLATFORM', target: null };
  if (code.startsWith('LOUDNESS_') || code === 'AUDIO_PRESENT') return { category: 'METRIC', target: 'AUDIO_VOICE_SUBTITLES' };
  const map: Record<string, CreativeMetricCode> = {
    DYNAMIC_START: 'HOOK',
    SOUND_EARLY: 'HOOK',
    AUDIO_EARLY: 'HOOK',
    QUICK_PACING: 'STORYTELLING',
    OVERALL_PACING: 'STORYTELLING',
    CTA_SPEECH: 'CALL_TO_ACTION',
    BRAND_MENTION_EARLY: 'PRODUCT_FOCUS',
  };
  return { category: 'METRIC', target: map[code] ?? 'HOOK' };
}

/** Effort of fixing each issue kind. */
export const ISSUE_EFFORT: Record<string, Level> = {
  AD_POLICY: 'HIGH',
  FAKE_CONTENT: 'HIGH',
  NO_AUDIO_STREAM: 'HIGH',
  LOUDNESS_SILENT: 'HIGH',
  SAFE_ZONE_VIOLATION: 'MEDIUM',
  HORIZONTAL_ON_VERTICAL: 'MEDIUM',
  ASPECT_RATIO_MISMATCH: 'MEDIUM',
  DURATION_OUT_OF_SPEC: 'MEDIUM',
  RESOLUTION_BELOW_SPEC: 'LOW',
  SUBTITLE_POSITION: 'LOW',
  SMALL_SUBTITLES: 'LOW',
  HOOK_CTA_TOO_LONG: 'LOW',
  LOUDNESS_TOO_QUIET: 'LOW',
  LOUDNESS_TOO_LOUD: 'LOW',
  LOUDNESS_TRUE_PEAK_OVER: 'LOW',
  LOUDNESS_SHORT_TERM_OVER: 'LOW',
};

/** Effort of lifting each metric: a remix or an end card is quick, new footage or a rewrite is not. */
export const METRIC_EFFORT: Record<CreativeMetricCode, Level> = {
  HOOK: 'MEDIUM',
  STORYTELLING: 'HIGH',
  EMOTIONAL_CONNECTION: 'HIGH',
  AUDIO_VOICE_SUBTITLES: 'LOW',
  PRODUCT_FOCUS: 'MEDIUM',
  VALUE_PROPOSITION: 'MEDIUM',
  CALL_TO_ACTION: 'LOW',
  COMMUNITY: 'HIGH',
  RESOLUTION_QUALITY: 'MEDIUM',
};

/** Impact of an issue from its penalty: ≥ 8 points HIGH, ≥ 3 MEDIUM. */
export const impactOfPenalty = (points: number): Level => (points >= 8 ? 'HIGH' : points >= 3 ? 'MEDIUM' : 'LOW');

/** What lifting a metric to 80 would add to the score (its weight × the gap): ≥ 6 points HIGH, ≥ 3 MEDIUM. */
export function impactOfMetric(code: CreativeMetricCode, score: number): Level {
  const gain = (METRIC_WEIGHTS[code] ?? 0) * Math.max(0, 80 - score);
  return gain >= 6 ? 'HIGH' : gain >= 3 ? 'MEDIUM' : 'LOW';
}

/** Severity of a metric: under 40 HIGH, under 60 MEDIUM; a rule-based guess on little signal is LOW. */
export function severityOfMetric(m: Pick<CreativeMetric, 'score' | 'lowSignal'>): Level {
  if (m.lowSignal) return 'LOW';
  return m.score < 40 ? 'HIGH' : m.score < 60 ? 'MEDIUM' : 'LOW';
}

// ---------------------------------------------------------------------------------------------
// Templates

type IssueTemplate = (i: DetectedIssue, ctx: { lang: Lang; platforms: string }) => string;

const platformList = (ps: readonly string[], fallback: string) => (ps.length ? ps.map((p) => PLATFORM_SPECS[p as Platform]?.label ?? p).join(', ') : fallback);

const ISSUE_TEMPLATES: Record<string, IssueTemplate> = {
  HORIZONTAL_ON_VERTICAL: (i, { lang, platforms }) =>
    T(lang, `Deliver a 9:16 cut for ${platforms}: the ${i.evidence.replace(/^display /, '')} frame plays small and letterboxed in a full-screen vertical feed.`, `Entregue uma versão 9:16 para ${platforms}: o quadro ${i.evidence.replace(/^display /, '')} aparece pequeno e com tarjas no feed vertical em tela cheia.`),
  ASPECT_RATIO_MISMATCH: (i, { lang, platforms }) =>
    T(lang, `Export a native aspect ratio for ${platforms} (${i.evidence.replace(/^display /, '')} is cropped or letterboxed there).`, `Exporte na proporção nativa de ${platforms} (${i.evidence.replace(/^display /, '')} é cortado ou ganha tarjas lá).`),
  RESOLUTION_BELOW_SPEC: (i, { lang, platforms }) =>
    T(lang, `Re-export from the source at 1080×1920 (or at least the minimum of ${platforms}); now ${i.evidence.replace(/^display /, '')}.`, `Reexporte do original em 1080×1920 (ou ao menos o mínimo de ${platforms}); hoje ${i.evidence.replace(/^display /, '')}.`),
  DURATION_OUT_OF_SPEC: (i, { lang, platforms }) =>
    T(lang, `Edit to fit the length limits of ${platforms} (now ${i.evidence.replace(/^duration /, '')}).`, `Edite para caber nos limites de duração de ${platforms} (hoje ${i.evidence.replace(/^duration /, '')}).`),
  NO_AUDIO_STREAM: (_i, { lang }) =>
    T(lang, 'Add a sound track (music and a voice-over): sound-on placements play nothing now.', 'Adicione uma trilha (música e locução): posicionamentos com som não tocam nada hoje.'),
  LOUDNESS_SILENT: (_i, { lang }) =>
    T(lang, 'The sound track is silent: mix in music and a voice-over.', 'A trilha está muda: mixe música e locução.'),
  LOUDNESS_TOO_QUIET: (i, { lang, platforms }) =>
    T(lang, `Normalise the mix to about −14 LUFS integrated (now ${i.evidence.replace(/^integrated /, '')}) so it plays as loud as the rest of ${platforms}.`, `Normalize a mixagem para cerca de −14 LUFS integrados (hoje ${i.evidence.replace(/^integrated /, '')}) para tocar tão alto quanto o resto de ${platforms}.`),
  LOUDNESS_TOO_LOUD: (i, { lang }) =>
    T(lang, `Bring the mix down to about −14 LUFS (now ${i.evidence.replace(/^integrated /, '')}) and ease the limiter: the platform turns it down anyway.`, `Abaixe a mixagem para cerca de −14 LUFS (hoje ${i.evidence.replace(/^integrated /, '')}) e alivie o limitador: a plataforma abaixa de qualquer jeito.`),
  LOUDNESS_SHORT_TERM_OVER: (i, { lang }) =>
    T(lang, `Tame the loudest passage (${i.evidence}): keep short-term loudness under −18 LUFS for broadcast.`, `Controle o trecho mais alto (${i.evidence}): mantenha o loudness de curto prazo abaixo de −18 LUFS para TV.`),
  LOUDNESS_TRUE_PEAK_OVER: (i, { lang }) =>
    T(lang, `Limit true peaks to −1 dBTP (${i.evidence}) so re-encoding does not clip.`, `Limite os picos reais a −1 dBTP (${i.evidence}) para a recodificação não distorcer.`),
  SAFE_ZONE_VIOLATION: (i, { lang, platforms }) =>
    T(lang, `Move text and key elements inside the safe zone of ${platforms}: ${i.detail}`, `Leve textos e elementos importantes para dentro da zona segura de ${platforms}: ${i.detail}`),
  SUBTITLE_POSITION: (i, { lang, platforms }) =>
    T(lang, `Raise the subtitles above the interface of ${platforms}: ${i.detail}`, `Suba as legendas para acima da interface de ${platforms}: ${i.detail}`),
  HOOK_CTA_TOO_LONG: (i, { lang }) => {
    const limits = i.platforms
      .map((p) => PLATFORM_CREATIVE_FACTS[p as Platform])
      .filter(Boolean)
      .map((f, k) => `${PLATFORM_SPECS[i.platforms[k] as Platform].label} ${f.hookChars ?? '∞'}/${f.ctaChars ?? '∞'}`)
      .join(', ');
    return T(lang, `Shorten the on-screen hook and CTA text${limits ? ` (hook/CTA limits: ${limits})` : ''}: ${i.detail}`, `Encurte o texto do gancho e do CTA na tela${limits ? ` (limites gancho/CTA: ${limits})` : ''}: ${i.detail}`);
  },
  SMALL_SUBTITLES: (i, { lang }) => T(lang, `Enlarge the subtitles to be readable on a phone: ${i.detail}`, `Aumente as legendas para serem legíveis no celular: ${i.detail}`),
  AD_POLICY: (i, { lang }) => T(lang, `Review against the platform ad policies before publishing: ${i.detail}`, `Revise segundo as políticas de anúncios das plataformas antes de publicar: ${i.detail}`),
  FAKE_CONTENT: (i, { lang }) => T(lang, `Remove or substantiate what reads as fake or misleading: ${i.detail}`, `Remova ou comprove o que parece falso ou enganoso: ${i.detail}`),
};

const AUDIENCE_GENERIC: Record<Audience, [string, string]> = {
  [Audience.GEN_Z]: ['Keep it creator-style: vertical, sound-on, fast cuts, captions and a face early.', 'Mantenha o estilo de criador: vertical, com som, cortes rápidos, legendas e um rosto logo no início.'],
  [Audience.MILLENNIALS]: ['Lead with the practical benefit and show social proof (reviews, real customers).', 'Comece pelo benefício prático e mostre prova social (avaliações, clientes reais).'],
  [Audience.GEN_X]: ['Be direct about the value and the price; skip the hype.', 'Seja direto sobre o valor e o preço; evite exageros.'],
  [Audience.BOOMERS]: ['Keep text large, speech unhurried and the offer on screen long enough to read.', 'Use texto grande, fala sem pressa e a oferta na tela por tempo suficiente para ler.'],
};

export interface RuleRecommendInput {
  analysis: Pick<CreativeAnalysis, 'checks' | 'issues' | 'metrics' | 'audienceScores' | 'baseScore' | 'ruleBased'>;
  media: MediaProbe;
  mediaAnalysis?: MediaAnalysis | null;
  transcript: Transcript;
  options: AnalysisOptions;
}

/** Template recommendations (engine form: urgency 1–3 in `priority`, with severity, impact and effort). */
export function ruleRecommendations(input: RuleRecommendInput, lang: Lang): Recommendation[] {
  const { analysis, options } = input;
  const platforms = options.platforms?.length ? options.platforms : DEFAULT_PLATFORMS;
  const recs: Recommendation[] = [];
  const urgency = (l: Level) => LEVEL[l];

  // One per issue kind, at its earliest sighting, with every platform it touches.
  const byCode = new Map<string, DetectedIssue>();
  for (const i of analysis.issues) {
    const cur = byCode.get(i.code);
    if (!cur) byCode.set(i.code, { ...i, platforms: [...i.platforms] });
    else {
      cur.platforms = [...new Set([...cur.platforms, ...i.platforms])];
      cur.penalty = Math.max(cur.penalty, i.penalty);
      if (i.atSeconds !== null && (cur.atSeconds === null || i.atSeconds < cur.atSeconds)) cur.atSeconds = i.atSeconds;
    }
  }
  for (const i of byCode.values()) {
    const template = ISSUE_TEMPLATES[i.code];
    const ctx = { lang, platforms: platformList(i.platforms, T(lang, 'the target platforms', 'as plataformas de destino')) };
    const body = template ? template(i, ctx) : `${i.title}: ${i.detail}`;
    recs.push({
      priority: urgency(i.severity), category: 'ISSUE', target: i.code, text: afterPrefix(atPrefix(i.atSeconds, lang), body), atSeconds: i.atSeconds,
      severity: i.severity, impact: impactOfPenalty(i.penalty), effort: ISSUE_EFFORT[i.code] ?? 'MEDIUM',
    });
  }

  // One per metric under 60, or whose checks failed.
  const failedFor = new Set(analysis.checks.filter((c) => c.passed === false).map((c) => checkCategory(c.code)).filter((c) => c.category === 'METRIC').map((c) => c.target));
  for (const m of analysis.metrics ?? []) {
    if (m.score >= 60 && !failedFor.has(m.code)) continue;
    if (!m.toImprove.length) continue;
    const sev = severityOfMetric(m);
    const body = `${METRIC_TITLES[lang][m.code]}: ${m.toImprove.slice(0, 2).join(' ')}`;
    recs.push({
      priority: urgency(sev), category: 'METRIC', target: m.code, text: afterPrefix(atPrefix(m.atSeconds, lang), body), atSeconds: m.atSeconds,
      severity: sev, impact: m.lowSignal ? 'LOW' : impactOfMetric(m.code, m.score), effort: METRIC_EFFORT[m.code],
    });
  }

  // One per target platform: its spec, and what to fix there first.
  for (const p of platforms) recs.push(platformRecommendation(p, analysis, lang));

  // One per audience scored.
  for (const a of analysis.audienceScores ?? []) recs.push(audienceRecommendation(a, input, platforms, lang));
  return recs;
}

function platformRecommendation(p: Platform, analysis: RuleRecommendInput['analysis'], lang: Lang): Recommendation {
  const spec = PLATFORM_SPECS[p];
  const facts = PLATFORM_CREATIVE_FACTS[p];
  const issues = analysis.issues.filter((i) => i.platforms.includes(p));
  const failedChecks = analysis.checks.filter((c) => c.passed === false && c.code.startsWith('PLATFORM_') && c.evidence.includes(spec.label));
  const parts: string[] = [];
  const aspect = spec.aspects.some((a) => Math.abs(a - 9 / 16) < 1e-6) ? '9:16' : spec.aspects.some((a) => Math.abs(a - 16 / 9) < 1e-6) ? '16:9' : '1:1';
  parts.push(T(lang, `For ${spec.label}: deliver ${aspect} (at least ${spec.minWidth}×${spec.minHeight})`, `Para ${spec.label}: entregue ${aspect} (no mínimo ${spec.minWidth}×${spec.minHeight})`));
  if (facts.idealSeconds) parts.push(T(lang, `${facts.idealSeconds[0]}–${facts.idealSeconds[1]} s works best`, `${facts.idealSeconds[0]}–${facts.idealSeconds[1]} s funciona melhor`));
  const z = facts.safeZone;
  if (z) {
    parts.push(T(lang, `keep text ${z.top}${z.unit} from the top and ${z.bottom}${z.unit} from the bottom${z.left || z.right ? `, ${z.left}${z.unit} left and ${z.right}${z.unit} right` : ''} (on 1080×1920)`, `deixe o texto a ${z.top}${z.unit} do topo e ${z.bottom}${z.unit} da base${z.left || z.right ? `, ${z.left}${z.unit} à esquerda e ${z.right}${z.unit} à direita` : ''} (em 1080×1920)`));
  }
  if (facts.hookChars || facts.ctaChars) {
    const lim = [facts.hookChars ? T(lang, `hook text ≤ ${facts.hookChars}`, `texto do gancho ≤ ${facts.hookChars}`) : '', facts.ctaChars ? T(lang, `CTA text ≤ ${facts.ctaChars} characters`, `texto do CTA ≤ ${facts.ctaChars} caracteres`) : ''].filter(Boolean);
    parts.push(lim.join(T(lang, ' and ', ' e ')));
  }
  let text = `${parts.join('; ')}.`;
  const problems = [...new Set(issues.map((i) => i.code))];
  if (problems.length) text = `${T(lang, `Fix first: ${problems.join(', ')}.`, `Corrija primeiro: ${problems.join(', ')}.`)} ${text}`;
  else if (failedChecks.length) text = `${T(lang, `Fix first: ${failedChecks.map((c) => c.code).join(', ')}.`, `Corrija primeiro: ${failedChecks.map((c) => c.code).join(', ')}.`)} ${text}`;
  const worst = issues.reduce<Level>((l, i) => (LEVEL[i.severity] > LEVEL[l] ? i.severity : l), 'LOW');
  const severity: Level = issues.length ? worst : failedChecks.length ? 'MEDIUM' : 'LOW';
  const impact: Level = issues.length ? impactOfPenalty(Math.max(...issues.map((i) => i.penalty))) : failedChecks.length ? 'MEDIUM' : 'LOW';
  return { priority: LEVEL[severity], category: 'PLATFORM', target: p, text, atSeconds: null, severity, impact, effort: issues.length || failedChecks.length ? 'MEDIUM' : 'LOW' };
}

function audienceRecommendation(a: AudienceScore, input: RuleRecommendInput, platforms: readonly Platform[], lang: Lang): Recommendation {
  const audience = a.audience as Audience;
  const advice = audienceAdvice({ media: input.media, analysis: input.mediaAnalysis, transcript: input.transcript, platforms }, audience, lang);
  const label = AUDIENCE_LABELS[lang][audience];
  const body = advice.length ? advice.join(' ') : AUDIENCE_GENERIC[audience][lang === 'pt' ? 1 : 0];
  const text = T(lang, `${label} (${a.score}/100): ${body}`, `${label} (${a.score}/100): ${body}`);
  const severity: Level = a.score < 40 ? 'MEDIUM' : 'LOW';
  const impact: Level = a.score < 50 ? 'MEDIUM' : 'LOW';
  return { priority: LEVEL[severity], category: 'AUDIENCE', target: audience, text, atSeconds: null, severity, impact, effort: advice.length ? 'MEDIUM' : 'LOW' };
}

/** The summary of a rule-based (or model-analysed, offline-recommended) result. */
export function ruleSummary(input: RuleRecommendInput, ranked: readonly RankedRecommendation[], lang: Lang): string {
  const a = input.analysis;
  const s = scoreFrom(a.baseScore, a.issues);
  const metrics = [...(a.metrics ?? [])].sort((x, y) => y.score - x.score);
  const best = metrics[0];
  const worst = metrics.at(-1);
  const parts = [T(lang, `Score ${s.score}/100 (${s.grade}).`, `Pontuação ${s.score}/100 (${s.grade}).`)];
  if (best && worst && best !== worst) {
    parts.push(T(lang, `Strongest: ${METRIC_TITLES.en[best.code]} (${best.score}); weakest: ${METRIC_TITLES.en[worst.code]} (${worst.score}).`, `Ponto mais forte: ${METRIC_TITLES.pt[best.code]} (${best.score}); mais fraco: ${METRIC_TITLES.pt[worst.code]} (${worst.score}).`));
  }
  if (s.penalties.length) {
    parts.push(T(lang, `${s.penalties.length} issue kind(s) cost ${s.totalPenalty} point(s).`, `${s.penalties.length} tipo(s) de problema custam ${s.totalPenalty} ponto(s).`));
  } else {
    parts.push(T(lang, 'No penalised issue found.', 'Nenhum problema com penalidade encontrado.'));
  }
  const first = ranked[0];
  if (first) parts.push(T(lang, `First change: ${first.text}`, `Primeira mudança: ${first.text}`));
  if (a.ruleBased) {
    parts.push(T(lang, 'Rule-based analysis: metrics are estimated from measured signals (cuts, sound, speech), not judged by a model.', 'Análise por regras: as métricas são estimadas a partir de sinais medidos (cortes, som, fala), sem julgamento de um modelo.'));
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Ranking and grouping

export interface RankContext {
  metrics: readonly CreativeMetric[];
  audienceScores: readonly AudienceScore[];
  issues: readonly DetectedIssue[];
  source: FindingSource;
}

const SEVERITY_OF_URGENCY: Record<number, Level> = { 3: 'HIGH', 2: 'MEDIUM', 1: 'LOW' };

/**
 * Engine recommendations → stored ones: CHECK becomes the metric (or platform) it belongs to,
 * missing severity/impact/effort are derived, then ranked: severity, impact, less effort first,
 * issues before metrics before platforms before audiences, earlier moments first.
 */
export function rankRecommendations(recs: readonly Recommendation[], ctx: RankContext): RankedRecommendation[] {
  const metric = new Map(ctx.metrics.map((m) => [m.code as string, m]));
  const audience = new Map(ctx.audienceScores.map((a) => [a.audience as string, a]));
  const out = recs.map((r) => {
    let category: ActionCategory;
    let target = r.target;
    if (r.category === 'CHECK') {
      const c = checkCategory(r.target ?? '');
      category = c.category;
      target = c.target;
    } else category = r.category;
    const severity = r.severity ?? SEVERITY_OF_URGENCY[Math.round(r.priority)] ?? 'MEDIUM';
    let impact = r.impact;
    let effort = r.effort;
    if (!impact || !effort) {
      if (category === 'ISSUE') {
        const pts = Math.max(0, ...ctx.issues.filter((i) => i.code === target).map((i) => i.penalty));
        impact ??= impactOfPenalty(pts);
        effort ??= ISSUE_EFFORT[target ?? ''] ?? 'MEDIUM';
      } else if (category === 'METRIC') {
        const m = target ? metric.get(target) : undefined;
        impact ??= m ? (m.lowSignal ? 'LOW' : impactOfMetric(m.code, m.score)) : severity;
        effort ??= m ? METRIC_EFFORT[m.code] : 'MEDIUM';
      } else if (category === 'AUDIENCE') {
        const a = target ? audience.get(target) : undefined;
        impact ??= a && a.score < 50 ? 'MEDIUM' : 'LOW';
        effort ??= 'MEDIUM';
      } else {
        const issues = ctx.issues.filter((i) => target && i.platforms.includes(target));
        impact ??= issues.length ? impactOfPenalty(Math.max(...issues.map((i) => i.penalty))) : 'LOW';
        effort ??= 'MEDIUM';
      }
    }
    const atSeconds = r.atSeconds ?? null;
    return { severity, impact: impact!, effort: effort!, category, target, text: r.text, atSeconds, timestampLabel: timestampLabel(atSeconds), source: ctx.source };
  });
  const key = (r: (typeof out)[number]) => LEVEL[r.severity] * 2 + LEVEL[r.impact];
  return out
    .map((r, i) => ({ r, i }))
    .sort(
      (x, y) =>
        key(y.r) - key(x.r) ||
        LEVEL[x.r.effort] - LEVEL[y.r.effort] ||
        CATEGORY_ORDER[x.r.category] - CATEGORY_ORDER[y.r.category] ||
        (x.r.atSeconds ?? Infinity) - (y.r.atSeconds ?? Infinity) ||
        x.i - y.i,
    )
    .map(({ r }, i) => ({ priority: i + 1, ...r }));
}

export interface ActionGroup {
  category: ActionCategory;
  /** Metric, issue, platform or audience code; 'GENERAL' when an action names none. */
  target: string;
  title: string;
  recommendations: RankedRecommendation[];
}

export interface ActionGroups {
  byMetric: ActionGroup[];
  byIssue: ActionGroup[];
  byPlatform: ActionGroup[];
  byAudience: ActionGroup[];
}

/** The actions grouped by creative metric, issue, platform and audience, each group in rank order. */
export function groupActions(recs: readonly RankedRecommendation[], ctx: { lang: Lang; issues: readonly Pick<DetectedIssue, 'code' | 'title'>[] }): ActionGroups {
  const lang = ctx.lang;
  const general = T(lang, 'General', 'Geral');
  const titleOf: Record<ActionCategory, (t: string) => string> = {
    METRIC: (t) => METRIC_TITLES[lang][t as CreativeMetricCode] ?? t,
    ISSUE: (t) => ctx.issues.find((i) => i.code === t)?.title ?? t,
    PLATFORM: (t) => PLATFORM_SPECS[t as Platform]?.label ?? (t === 'GENERAL' ? T(lang, 'All platforms', 'Todas as plataformas') : t),
    AUDIENCE: (t) => AUDIENCE_LABELS[lang][t as Audience] ?? t,
  };
  const order: Record<ActionCategory, readonly string[]> = {
    METRIC: METRIC_CODES,
    ISSUE: [],
    PLATFORM: Object.values(Platform),
    AUDIENCE: Object.values(Audience),
  };
  const group = (category: ActionCategory): ActionGroup[] => {
    const groups = new Map<string, RankedRecommendation[]>();
    for (const r of [...recs].sort((a, b) => a.priority - b.priority)) {
      if (r.category !== category) continue;
      const t = r.target ?? 'GENERAL';
      groups.set(t, [...(groups.get(t) ?? []), r]);
    }
    const rank = (t: string) => {
      const i = order[category].indexOf(t);
      return i === -1 ? Infinity : i;
    };
    return [...groups]
      .sort(([a, ra], [b, rb]) => (category === 'ISSUE' ? ra[0]!.priority - rb[0]!.priority : rank(a) - rank(b) || ra[0]!.priority - rb[0]!.priority))
      .map(([target, list]) => ({ category, target, title: target === 'GENERAL' && category !== 'PLATFORM' ? general : titleOf[category](target), recommendations: list }));
  };
  return { byMetric: group('METRIC'), byIssue: group('ISSUE'), byPlatform: group('PLATFORM'), byAudience: group('AUDIENCE') };
}
