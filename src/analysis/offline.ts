// The offline engine: deterministic rules over measured media facts and the transcript, so a full
// result exists with no API key. Every check and issue names the fact it rests on.
import { Audience } from '../domain/model.js';
import type {
  AnalyzeInput,
  Check,
  CreativeAnalysis,
  CreativeAnalyzer,
  DetectedIssue,
  Recommender,
  RecommendInput,
  RecommendOutput,
  TranscribeInput,
  Transcriber,
} from './ports.js';
import type { Transcript } from '../domain/transcript.js';
import { ruleAudienceScores } from './audiences.js';
import { resultLanguage } from './i18n.js';
import { CTA_PHRASES, findPhrases } from './keywords.js';
import { ruleMetrics } from './metrics.js';
import { brandHeard } from './metrics/draft.js';
import { PLATFORM_SPECS, DEFAULT_PLATFORMS, aspectMatches } from './platforms.js';
import { rankRecommendations, ruleRecommendations, ruleSummary } from './recommendations.js';
import { loudnessIssues, measuredMediaChecks } from './rules.js';
import { ISSUE_PENALTIES, NEUTRAL_SCORE } from './scoring-config.js';
import { perceptionChecks, perceptionIssues } from './perception-rules.js';
import { applySeen } from './perception-metrics.js';
import { metricsScore } from './scoring.js';

/** ABCD "audio early": speech should start within the first 5 s. */
export const AUDIO_EARLY_SECONDS = 5;
/** ABCD "brand mention (speech), first 5 s". */
export const BRAND_EARLY_SECONDS = 5;

/** Checks measured from the file and the transcript; with the media analysis, also pacing, sound and loudness (./rules.ts). */
export function measuredChecks(
  input: Pick<AnalyzeInput, 'media' | 'transcript'> & Partial<Pick<AnalyzeInput, 'mediaAnalysis' | 'options'>>,
): Check[] {
  const { media, transcript } = input;
  const checks: Check[] = [];
  checks.push({
    code: 'AUDIO_PRESENT',
    title: 'Has a sound track',
    passed: media.audio !== null,
    rule: 'The video carries an audio stream',
    threshold: 'audio stream present',
    evidence: media.audio
      ? `${media.audio.codec}, ${media.audio.sampleRate} Hz, ${media.audio.channels} ch`
      : 'no audio stream in the file',
    atSeconds: null,
  });
  if (transcript.available) {
    const first = transcript.segments[0];
    checks.push({
      code: 'AUDIO_EARLY',
      title: 'Speech in the first seconds',
      passed: first ? first.start < AUDIO_EARLY_SECONDS : false,
      rule: `Speech starts within the first ${AUDIO_EARLY_SECONDS} s (ABCD: audio early)`,
      threshold: `< ${AUDIO_EARLY_SECONDS} s`,
      evidence: first ? `first words at ${first.start.toFixed(1)} s: "${first.text.slice(0, 60)}"` : 'no speech recognised',
      atSeconds: first?.start ?? null,
    });
    // Whole words, case- and accent-insensitive (./keywords.ts).
    const cta = findPhrases(transcript, CTA_PHRASES)[0];
    checks.push({
      code: 'CTA_SPEECH',
      title: 'Call to action in speech',
      passed: Boolean(cta),
      rule: 'A call-to-action phrase is heard (ABCD: call to action, speech)',
      threshold: 'one of the known CTA phrases',
      evidence: cta ? `heard "${cta.phrase}" at ${cta.at.toFixed(1)} s` : 'no CTA phrase in the transcript',
      atSeconds: cta?.at ?? null,
    });
  }
  const brand = input.options?.brand?.trim();
  if (brand) {
    const heard = transcript.available ? brandHeard({ transcript, options: { brand } }) : null;
    checks.push({
      code: 'BRAND_MENTION_EARLY',
      title: 'Brand named in the first seconds',
      // Undecided without a transcript: the brand may well be said.
      passed: transcript.available ? heard !== null && heard.at < BRAND_EARLY_SECONDS : null,
      rule: `The brand "${brand}" is heard within the first ${BRAND_EARLY_SECONDS} s (ABCD: brand mention, speech)`,
      threshold: `< ${BRAND_EARLY_SECONDS} s`,
      evidence: !transcript.available
        ? `no transcript (${transcript.reason})`
        : heard
          ? `heard "${brand}" at ${heard.at.toFixed(1)} s`
          : `"${brand}" not heard in the transcript`,
      atSeconds: heard?.at ?? null,
    });
  }
  checks.push(...measuredMediaChecks({ media, analysis: input.mediaAnalysis, platforms: platformsOf(input.options) }));
  return checks;
}

function platformsOf(options: AnalyzeInput['options'] | undefined) {
  return options?.platforms?.length ? options.platforms : DEFAULT_PLATFORMS;
}

export function measuredIssues(
  input: Pick<AnalyzeInput, 'media' | 'options'> & Partial<Pick<AnalyzeInput, 'mediaAnalysis'>>,
): DetectedIssue[] {
  const { media } = input;
  const platforms = platformsOf(input.options);
  const issues: DetectedIssue[] = [];
  const v = media.video;
  if (!media.audio) {
    issues.push({
      code: 'NO_AUDIO_STREAM',
      severity: 'MEDIUM',
      penalty: ISSUE_PENALTIES.NO_AUDIO_STREAM,
      title: 'No sound track',
      detail: 'The file has no audio stream: sound-on placements lose voice-over and music.',
      atSeconds: null,
      platforms: [],
      evidence: 'ffprobe found no audio stream',
    });
  }
  if (v) {
    const horizontal = v.aspectRatio > 1.05;
    const verticalOnes = platforms.filter((p) => PLATFORM_SPECS[p].verticalFirst);
    if (horizontal && verticalOnes.length) {
      issues.push({
        code: 'HORIZONTAL_ON_VERTICAL',
        severity: 'MEDIUM',
        penalty: ISSUE_PENALTIES.HORIZONTAL_ON_VERTICAL,
        title: 'Horizontal video on a vertical-first platform',
        detail: `The video is ${v.displayAspectRatio}; ${verticalOnes.map((p) => PLATFORM_SPECS[p].label).join(', ')} play 9:16 full screen.`,
        atSeconds: null,
        platforms: verticalOnes,
        evidence: `display ${v.displayWidth}×${v.displayHeight} (${v.displayAspectRatio})`,
      });
    }
    for (const p of platforms) {
      const spec = PLATFORM_SPECS[p];
      if (!aspectMatches(v.aspectRatio, spec.aspects) && !(horizontal && spec.verticalFirst)) {
        issues.push({
          code: 'ASPECT_RATIO_MISMATCH',
          severity: 'LOW',
          penalty: ISSUE_PENALTIES.ASPECT_RATIO_MISMATCH,
          title: `Aspect ratio not native to ${spec.label}`,
          detail: `${v.displayAspectRatio} will be letterboxed or cropped on ${spec.label}.`,
          atSeconds: null,
          platforms: [p],
          evidence: `display ${v.displayWidth}×${v.displayHeight}`,
        });
      }
      const shortSide = Math.min(v.displayWidth, v.displayHeight);
      const specShort = Math.min(spec.minWidth, spec.minHeight);
      if (shortSide < specShort) {
        issues.push({
          code: 'RESOLUTION_BELOW_SPEC',
          severity: 'MEDIUM',
          penalty: ISSUE_PENALTIES.RESOLUTION_BELOW_SPEC,
          title: `Resolution below ${spec.label}'s minimum`,
          detail: `The short side is ${shortSide} px; ${spec.label} asks for at least ${specShort} px.`,
          atSeconds: null,
          platforms: [p],
          evidence: `display ${v.displayWidth}×${v.displayHeight}`,
        });
      }
      const d = media.durationSeconds;
      if (d !== null && (d < spec.minSeconds || d > spec.maxSeconds)) {
        issues.push({
          code: 'DURATION_OUT_OF_SPEC',
          severity: 'MEDIUM',
          penalty: ISSUE_PENALTIES.DURATION_OUT_OF_SPEC,
          title: `Duration outside ${spec.label}'s limits`,
          detail: `${d.toFixed(1)} s; ${spec.label} accepts ${spec.minSeconds}–${spec.maxSeconds} s.`,
          atSeconds: null,
          platforms: [p],
          evidence: `duration ${d.toFixed(2)} s`,
        });
      }
    }
  }
  issues.push(...loudnessIssues({ media, analysis: input.mediaAnalysis, platforms }));
  return issues;
}

export class OfflineAnalyzer implements CreativeAnalyzer {
  readonly name = 'offline';
  async analyze(input: AnalyzeInput): Promise<CreativeAnalysis> {
    // What the eyes saw (./perception-rules.ts) joins the measured checks and issues, and moves the metrics.
    const seen = {
      perception: input.perception,
      transcript: input.transcript,
      platforms: platformsOf(input.options),
      brand: input.options.brand,
    };
    const checks = [...measuredChecks(input), ...perceptionChecks(seen)];
    const issues = [...measuredIssues(input), ...perceptionIssues(seen)];
    const lang = resultLanguage(input.options, input.transcript);
    const metrics = applySeen(
      ruleMetrics(
        { media: input.media, analysis: input.mediaAnalysis, transcript: input.transcript, checks, options: input.options },
        lang,
      ),
      seen,
      lang,
    );
    const audienceScores = ruleAudienceScores(
      { media: input.media, analysis: input.mediaAnalysis, transcript: input.transcript, platforms: platformsOf(input.options) },
      input.options.audiences?.length ? input.options.audiences : Object.values(Audience),
      lang,
    );
    return {
      provider: 'offline',
      model: 'rules-v2',
      promptVersion: null,
      ruleBased: true,
      checks,
      issues,
      // The score before penalties is the metrics' weighted mean, as with a model (./scoring.ts).
      baseScore: metricsScore(metrics) ?? NEUTRAL_SCORE,
      metrics,
      audienceScores,
    };
  }
}

/** Template recommendations in the result's language (./recommendations.ts), ranked, with a summary. */
export class OfflineRecommender implements Recommender {
  readonly name = 'offline';
  async recommend(input: RecommendInput): Promise<RecommendOutput> {
    const lang = resultLanguage(input.options, input.transcript);
    const recommendations = ruleRecommendations(input, lang);
    const a = input.analysis;
    const ranked = rankRecommendations(recommendations, {
      metrics: a.metrics ?? [],
      audienceScores: a.audienceScores ?? [],
      issues: a.issues,
      source: 'rules',
    });
    return { summary: ruleSummary(input, ranked, lang), recommendations, source: 'rules' };
  }
}

/** Used when no speech engine is available: the analysis goes on from the other signals. */
export class UnavailableTranscriber implements Transcriber {
  readonly name = 'none';
  constructor(private readonly reason: string) {}
  async transcribe(_: TranscribeInput): Promise<Transcript> {
    return { available: false, engine: null, reason: this.reason };
  }
}
