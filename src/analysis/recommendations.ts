// Recommendations: template actions in English and Portuguese from an analysis (the offline
// recommender), and the one step every engine's answer goes through before it is stored: each
// action gets a severity, an impact and an effort, a category of METRIC, ISSUE, PLATFORM or
// AUDIENCE, a rank (priority 1 = do first) and a "0:03" label; then grouped views by metric, issue,
// platform and audience. Pure.
import type { MediaAnalysis, MediaProbe } from '../domain/media.js';
import { Audience, Platform, type AnalysisOptions } from '../domain/model.js';
import { audienceAdvice } from './audiences.js';
import { afterPrefix, atPrefix, AUDIENCE_LABELS, METRIC_TITLES, timestampLabel, type Lang } from './i18n.js';
import { AUDIENCE_GENERIC, ISSUE_TEMPLATES, platformList, RECOMMENDATION_COPY } from './copy/recommendations.js';
import { DEFAULT_PLATFORMS, PLATFORM_CREATIVE_FACTS, PLATFORM_SPECS } from './platforms.js';
import type { AudienceScore, CreativeAnalysis, CreativeMetric, DetectedIssue, FindingSource, Level, Recommendation } from './ports.js';
import type { CreativeMetricCode } from '../domain/metrics.js';
import type { Transcript } from '../domain/transcript.js';
import { METRIC_WEIGHTS } from './scoring-config.js';
import { METRIC_CODES } from '../domain/metrics.js';
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
    const ctx = { lang, platforms: platformList(i.platforms, RECOMMENDATION_COPY[lang].targetPlatforms) };
    const body = template ? template(i, ctx) : `${i.title}: ${i.detail}`;
    recs.push({
      priority: urgency(i.severity),
      category: 'ISSUE',
      target: i.code,
      text: afterPrefix(atPrefix(i.atSeconds, lang), body),
      atSeconds: i.atSeconds,
      severity: i.severity,
      impact: impactOfPenalty(i.penalty),
      effort: ISSUE_EFFORT[i.code] ?? 'MEDIUM',
    });
  }

  // One per metric under 60, or whose checks failed.
  const failedFor = new Set(
    analysis.checks
      .filter((c) => c.passed === false)
      .map((c) => checkCategory(c.code))
      .filter((c) => c.category === 'METRIC')
      .map((c) => c.target),
  );
  for (const m of analysis.metrics ?? []) {
    if (m.score >= 60 && !failedFor.has(m.code)) continue;
    if (!m.toImprove.length) continue;
    const sev = severityOfMetric(m);
    const body = `${METRIC_TITLES[lang][m.code]}: ${m.toImprove.slice(0, 2).join(' ')}`;
    recs.push({
      priority: urgency(sev),
      category: 'METRIC',
      target: m.code,
      text: afterPrefix(atPrefix(m.atSeconds, lang), body),
      atSeconds: m.atSeconds,
      severity: sev,
      impact: m.lowSignal ? 'LOW' : impactOfMetric(m.code, m.score),
      effort: METRIC_EFFORT[m.code],
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
  const failedChecks = analysis.checks.filter(
    (c) => c.passed === false && c.code.startsWith('PLATFORM_') && c.evidence.includes(spec.label),
  );
  const parts: string[] = [];
  const aspect = spec.aspects.some((a) => Math.abs(a - 9 / 16) < 1e-6)
    ? '9:16'
    : spec.aspects.some((a) => Math.abs(a - 16 / 9) < 1e-6)
      ? '16:9'
      : '1:1';
  const c = RECOMMENDATION_COPY[lang];
  parts.push(c.deliver(spec.label, aspect, spec.minWidth, spec.minHeight));
  if (facts.idealSeconds) parts.push(c.idealLength(facts.idealSeconds[0], facts.idealSeconds[1]));
  const z = facts.safeZone;
  if (z) parts.push(c.safeZone(z));
  if (facts.hookChars || facts.ctaChars) {
    const lim = [facts.hookChars ? c.hookChars(facts.hookChars) : '', facts.ctaChars ? c.ctaChars(facts.ctaChars) : ''].filter(Boolean);
    parts.push(lim.join(c.and));
  }
  let text = `${parts.join('; ')}.`;
  const problems = [...new Set(issues.map((i) => i.code))];
  if (problems.length) text = `${c.fixFirst(problems.join(', '))} ${text}`;
  else if (failedChecks.length) text = `${c.fixFirst(failedChecks.map((fc) => fc.code).join(', '))} ${text}`;
  const worst = issues.reduce<Level>((l, i) => (LEVEL[i.severity] > LEVEL[l] ? i.severity : l), 'LOW');
  const severity: Level = issues.length ? worst : failedChecks.length ? 'MEDIUM' : 'LOW';
  const impact: Level = issues.length ? impactOfPenalty(Math.max(...issues.map((i) => i.penalty))) : failedChecks.length ? 'MEDIUM' : 'LOW';
  return {
    priority: LEVEL[severity],
    category: 'PLATFORM',
    target: p,
    text,
    atSeconds: null,
    severity,
    impact,
    effort: issues.length || failedChecks.length ? 'MEDIUM' : 'LOW',
  };
}

function audienceRecommendation(a: AudienceScore, input: RuleRecommendInput, platforms: readonly Platform[], lang: Lang): Recommendation {
  const audience = a.audience as Audience;
  const advice = audienceAdvice(
    { media: input.media, analysis: input.mediaAnalysis, transcript: input.transcript, platforms },
    audience,
    lang,
  );
  const label = AUDIENCE_LABELS[lang][audience];
  const body = advice.length ? advice.join(' ') : AUDIENCE_GENERIC[audience][lang === 'pt' ? 1 : 0];
  const text = `${label} (${a.score}/100): ${body}`;
  const severity: Level = a.score < 40 ? 'MEDIUM' : 'LOW';
  const impact: Level = a.score < 50 ? 'MEDIUM' : 'LOW';
  return {
    priority: LEVEL[severity],
    category: 'AUDIENCE',
    target: audience,
    text,
    atSeconds: null,
    severity,
    impact,
    effort: advice.length ? 'MEDIUM' : 'LOW',
  };
}

/** The summary of a rule-based (or model-analysed, offline-recommended) result. */
export function ruleSummary(input: RuleRecommendInput, ranked: readonly RankedRecommendation[], lang: Lang): string {
  const a = input.analysis;
  const s = scoreFrom(a.baseScore, a.issues);
  const metrics = [...(a.metrics ?? [])].sort((x, y) => y.score - x.score);
  const best = metrics[0];
  const worst = metrics.at(-1);
  const c = RECOMMENDATION_COPY[lang];
  const parts = [c.score(s.score, s.grade)];
  if (best && worst && best !== worst) {
    parts.push(c.strongestWeakest(METRIC_TITLES[lang][best.code], best.score, METRIC_TITLES[lang][worst.code], worst.score));
  }
  parts.push(s.penalties.length ? c.penalised(s.penalties.length, s.totalPenalty) : c.noPenalty);
  const first = ranked[0];
  if (first) parts.push(c.firstChange(first.text));
  if (a.ruleBased) parts.push(c.ruleBased);
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
    return {
      severity,
      impact: impact!,
      effort: effort!,
      category,
      target,
      text: r.text,
      atSeconds,
      timestampLabel: timestampLabel(atSeconds),
      source: ctx.source,
    };
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
export function groupActions(
  recs: readonly RankedRecommendation[],
  ctx: { lang: Lang; issues: readonly Pick<DetectedIssue, 'code' | 'title'>[] },
): ActionGroups {
  const lang = ctx.lang;
  const general = RECOMMENDATION_COPY[lang].general;
  const titleOf: Record<ActionCategory, (t: string) => string> = {
    METRIC: (t) => METRIC_TITLES[lang][t as CreativeMetricCode] ?? t,
    ISSUE: (t) => ctx.issues.find((i) => i.code === t)?.title ?? t,
    PLATFORM: (t) => PLATFORM_SPECS[t as Platform]?.label ?? (t === 'GENERAL' ? RECOMMENDATION_COPY[lang].allPlatforms : t),
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
      .sort(([a, ra], [b, rb]) =>
        category === 'ISSUE' ? ra[0]!.priority - rb[0]!.priority : rank(a) - rank(b) || ra[0]!.priority - rb[0]!.priority,
      )
      .map(([target, list]) => ({
        category,
        target,
        title: target === 'GENERAL' && category !== 'PLATFORM' ? general : titleOf[category](target),
        recommendations: list,
      }));
  };
  return { byMetric: group('METRIC'), byIssue: group('ISSUE'), byPlatform: group('PLATFORM'), byAudience: group('AUDIENCE') };
}
