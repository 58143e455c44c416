// Prompts as pure functions of our own types, one template per output language. Bump
// PROMPT_VERSION whenever wording or structure changes: it is stored with every AI result so
// scores from different prompts are never compared unknowingly.
import type { MediaProbe } from '../../domain/media.js';
import type { AudienceScore, Check, CreativeAnalysis, CreativeMetric, DetectedIssue } from '../../analysis/ports.js';
import type { Transcript } from '../../domain/transcript.js';
import { PLATFORM_CREATIVE_FACTS, PLATFORM_SPECS, DEFAULT_PLATFORMS, type SafeZone } from '../../analysis/platforms.js';
import { Audience, Platform, type AnalysisOptions } from '../../domain/model.js';
import { METRIC_CODES } from '../../domain/metrics.js';
import { VISION_ISSUE_CODES } from '../../analysis/model-merge.js';
import { TEMPLATES, type PromptLanguage } from './prompts-copy.js';

export const PROMPT_VERSION = 'klike-prompts-2';

/** 'pt-BR', 'PT', 'por' → 'pt'; anything else → 'en'. */
export function promptLanguage(lang: string | null | undefined): PromptLanguage {
  const l = (lang ?? '').trim().toLowerCase();
  return l === 'pt' || l.startsWith('pt-') || l.startsWith('pt_') || l === 'por' || l === 'portuguese' ? 'pt' : 'en';
}

// Whisper's verbose_json names the language in English ("english"); ports use ISO 639-1.
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  portuguese: 'pt',
  spanish: 'es',
  french: 'fr',
  german: 'de',
  italian: 'it',
  dutch: 'nl',
  japanese: 'ja',
  chinese: 'zh',
  korean: 'ko',
  russian: 'ru',
  arabic: 'ar',
  hindi: 'hi',
  turkish: 'tr',
  polish: 'pl',
  swedish: 'sv',
  indonesian: 'id',
};

/** 'pt-BR' → 'pt', 'Portuguese' → 'pt'; undefined when it is neither a code nor a known name. */
export function isoLanguage(lang: string | null | undefined): string | undefined {
  const l = lang?.trim().toLowerCase();
  if (!l) return undefined;
  if (LANGUAGE_NAMES[l]) return LANGUAGE_NAMES[l];
  const code = l.split(/[-_]/)[0]!;
  return /^[a-z]{2}$/.test(code) ? code : undefined;
}

/** Transcript lines kept in a prompt; longer ones are cut (ads are short, this bounds cost). (Default: 4000 chars) */
export const TRANSCRIPT_EXCERPT_CHARS = 4000;

/** Measured media facts as prompt lines. */
export function mediaFactLines(media: MediaProbe, lang: PromptLanguage): string[] {
  const t = TEMPLATES[lang].f;
  const lines = [
    `${t.container}: ${media.container}`,
    `${t.duration}: ${media.durationSeconds === null ? t.unknown : `${media.durationSeconds.toFixed(2)} s`}`,
  ];
  if (media.sizeBytes !== null) lines.push(`${t.size}: ${(media.sizeBytes / 1e6).toFixed(1)} MB`);
  if (media.bitRate !== null) lines.push(`${t.bitrate}: ${Math.round(media.bitRate / 1000)} kb/s`);
  const v = media.video;
  lines.push(
    v
      ? `${t.video}: ${v.displayWidth}×${v.displayHeight} (${v.displayAspectRatio}), ${v.codec}${v.frameRate ? `, ${round(v.frameRate, 2)} ${t.fps}` : ''}${v.variableFrameRate ? `, ${t.vfr}` : ''}`
      : `${t.video}: ${t.noVideo}`,
  );
  const a = media.audio;
  lines.push(
    a
      ? `${t.audio}: ${a.codec}${a.sampleRate ? `, ${a.sampleRate} Hz` : ''}${a.channels ? `, ${a.channels} ch` : ''}`
      : `${t.audio}: ${t.noAudio}`,
  );
  if (media.subtitles.length)
    lines.push(`${t.subtitles}: ${media.subtitles.map((s) => `${s.codec}${s.language ? ` (${s.language})` : ''}`).join(', ')}`);
  return lines;
}

/** Timestamped transcript lines, cut at `maxChars`. */
export function transcriptExcerpt(transcript: Transcript, lang: PromptLanguage, maxChars = TRANSCRIPT_EXCERPT_CHARS): string {
  const t = TEMPLATES[lang];
  if (!transcript.available) return t.noTranscript(transcript.reason);
  if (!transcript.segments.length) return t.noTranscript(lang === 'pt' ? 'nenhuma fala reconhecida' : 'no speech recognised');
  const out: string[] = [`(${t.transcriptBy(transcript.engine, transcript.language)})`];
  let used = 0;
  for (const s of transcript.segments) {
    const line = `[${s.start.toFixed(1)}–${s.end.toFixed(1)}] ${s.text.trim()}`;
    if (used + line.length > maxChars) {
      out.push(t.truncated);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n');
}

export function checkLines(checks: readonly Check[], lang: PromptLanguage): string[] {
  const c = TEMPLATES[lang].check;
  return checks.map(
    (k) =>
      `- [${k.passed === null ? c.undecided : k.passed ? c.pass : c.fail}] ${k.code} — ${k.title}: ${k.rule} (${k.threshold}); ${c.measured}: ${k.evidence}`,
  );
}

export function issueLines(issues: readonly DetectedIssue[]): string[] {
  return issues.map(
    (i) =>
      `- ${i.code} (${i.severity}, −${i.penalty})${i.atSeconds !== null ? ` @${i.atSeconds.toFixed(1)} s` : ''}${i.platforms.length ? ` [${i.platforms.join(', ')}]` : ''}: ${i.title}. ${i.detail} (${i.evidence})`,
  );
}

export function platformLines(platforms: readonly Platform[], lang: PromptLanguage): string[] {
  const t = TEMPLATES[lang];
  return platforms.map((p) => {
    const f = PLATFORM_CREATIVE_FACTS[p];
    return `- ${p} (${PLATFORM_SPECS[p].label}): ${t.hookLimit(f.hookChars)}; ${t.ctaLimit(f.ctaChars)}; ${t.safeZone(f.safeZone)}`;
  });
}

const targetPlatforms = (o: AnalysisOptions) => (o.platforms?.length ? o.platforms : DEFAULT_PLATFORMS);
const targetAudiences = (o: AnalysisOptions) => (o.audiences?.length ? o.audiences : Object.values(Audience));

export interface AnalysisPromptInput {
  media: MediaProbe;
  transcript: Transcript;
  options: AnalysisOptions;
  /** What measurement already established; the model is told to build on it. */
  checks: readonly Check[];
  issues: readonly DetectedIssue[];
}

/** The text part sent with the video to the creative analyzer. */
export function buildAnalysisPrompt(input: AnalysisPromptInput): string {
  const lang = promptLanguage(input.options.language);
  const t = TEMPLATES[lang];
  const metricList = METRIC_CODES.map((m) => `   - ${m}: ${t.metricMeaning[m]}`).join('\n');
  return [
    t.analysisRole,
    t.outputLanguage,
    `${t.h.version}: ${PROMPT_VERSION}`,
    '',
    `## ${t.h.facts}`,
    ...mediaFactLines(input.media, lang).map((l) => `- ${l}`),
    t.factsNote,
    '',
    ...contextSections(lang, t.h.knownIssues, input),
    '',
    `## ${t.h.task}`,
    ...t.analysisTask(VISION_ISSUE_CODES.join(', ')).map((l) => (l === '{metrics}' ? metricList : `- ${l}`)),
  ].join('\n');
}

/** The sections both prompts share: checks, issues, transcript, targets, objective and brand. */
function contextSections(
  lang: PromptLanguage,
  issuesHeading: string,
  input: {
    checks: readonly CreativeAnalysis['checks'][number][];
    issues: readonly CreativeAnalysis['issues'][number][];
    transcript: Transcript;
    options: AnalysisOptions;
  },
): string[] {
  const t = TEMPLATES[lang];
  return [
    `## ${t.h.checks}`,
    ...(input.checks.length ? checkLines(input.checks, lang) : [`- ${t.none}`]),
    '',
    `## ${issuesHeading}`,
    ...(input.issues.length ? issueLines(input.issues) : [`- ${t.none}`]),
    '',
    `## ${t.h.transcript}`,
    transcriptExcerpt(input.transcript, lang),
    '',
    `## ${t.h.platforms}`,
    ...platformLines(targetPlatforms(input.options), lang),
    '',
    `## ${t.h.audiences}`,
    targetAudiences(input.options).join(', '),
    ...(input.options.objective ? ['', `## ${t.h.objective}`, input.options.objective] : []),
    ...(input.options.brand ? ['', `## ${t.h.brand}`, input.options.brand] : []),
  ];
}

export interface RecommendationPromptInput {
  analysis: CreativeAnalysis;
  media: MediaProbe;
  transcript: Transcript;
  options: AnalysisOptions;
}

/** System and user messages for the recommender. */
export function buildRecommendationPrompt(input: RecommendationPromptInput): { system: string; user: string } {
  const lang = promptLanguage(input.options.language);
  const t = TEMPLATES[lang];
  const a = input.analysis;
  const user = [
    `${t.h.version}: ${PROMPT_VERSION}`,
    '',
    `## ${t.h.facts}`,
    ...mediaFactLines(input.media, lang).map((l) => `- ${l}`),
    '',
    `## ${t.h.score}`,
    `${Math.round(a.baseScore)}/100 (${a.ruleBased ? t.ruleBased : `${a.provider}${a.model ? ` ${a.model}` : ''}`})`,
    ...(a.metrics?.length ? ['', `## ${t.h.metrics}`, ...metricLines(a.metrics)] : []),
    ...(a.audienceScores?.length ? ['', `## ${t.h.audienceScores}`, ...audienceLines(a.audienceScores)] : []),
    '',
    ...contextSections(lang, t.h.issues, { checks: a.checks, issues: a.issues, transcript: input.transcript, options: input.options }),
    '',
    `## ${t.h.task}`,
    ...t.recommendTask.map((l) => `- ${l}`),
  ].join('\n');
  return { system: `${t.recommendRole}\n${t.outputLanguage}`, user };
}

/** Instruction for a speech-to-text call to a general model. */
export function buildTranscriptionPrompt(input: { durationSeconds: number; language?: string | null }): string {
  // The instructions are in English: the spoken language is the audio's, not the UI's.
  return TEMPLATES.en.transcribe(input.durationSeconds, input.language ?? null);
}

function metricLines(metrics: readonly CreativeMetric[]): string[] {
  return metrics.map(
    (m) =>
      `- ${m.code}: ${Math.round(m.score)}${m.atSeconds !== null ? ` @${m.atSeconds.toFixed(1)} s` : ''}; + ${m.wentWell.join('; ') || '—'}; − ${m.toImprove.join('; ') || '—'}`,
  );
}

function audienceLines(scores: readonly AudienceScore[]): string[] {
  return scores.map((s) => `- ${s.audience}: ${Math.round(s.score)} — ${s.reasoning}`);
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
